package dev.hookline.adapters.persistence.account;

import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("accounts")
record AccountRow(@Id String id, String name, Instant createdAt) {

    static AccountRow fromDomain(Account account) {
        return new AccountRow(account.id().value(), account.name(), account.createdAt());
    }

    Account toDomain() {
        return new Account(new AccountId(id), name, createdAt);
    }
}
