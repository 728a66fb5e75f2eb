package dev.hookline.adapters.persistence.account;

import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("api_keys")
record ApiKeyRow(@Id String id, String accountId, String name, String prefix, String hash, Instant createdAt,
                 @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    static ApiKeyRow fromDomain(ApiKey key) {
        return new ApiKeyRow(key.id(), key.accountId().value(), key.name(), key.prefix(), key.hash(),
                key.createdAt(), key.lastUsedAt(), key.revokedAt());
    }

    ApiKey toDomain() {
        return new ApiKey(id, new AccountId(accountId), name, prefix, hash, createdAt, lastUsedAt, revokedAt);
    }
}
