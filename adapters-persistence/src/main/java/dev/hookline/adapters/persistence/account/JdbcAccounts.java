package dev.hookline.adapters.persistence.account;

import dev.hookline.application.port.out.Accounts;
import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import jakarta.inject.Singleton;
import java.util.Optional;

@Singleton
class JdbcAccounts implements Accounts {

    private final AccountRepository repository;

    JdbcAccounts(AccountRepository repository) {
        this.repository = repository;
    }

    @Override
    public void add(Account account) {
        repository.save(AccountRow.fromDomain(account));
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return repository.findById(id.value()).map(AccountRow::toDomain);
    }

    @Override
    public long count() {
        return repository.count();
    }
}
