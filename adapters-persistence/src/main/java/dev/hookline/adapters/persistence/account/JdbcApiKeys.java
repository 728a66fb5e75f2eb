package dev.hookline.adapters.persistence.account;

import dev.hookline.application.port.out.ApiKeys;
import dev.hookline.domain.id.AccountId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Singleton
class JdbcApiKeys implements ApiKeys {

    private final ApiKeyRepository repository;

    JdbcApiKeys(ApiKeyRepository repository) {
        this.repository = repository;
    }

    @Override
    public void add(ApiKey key) {
        repository.save(ApiKeyRow.fromDomain(key));
    }

    @Override
    public Optional<ApiKey> findActiveByHash(String hash) {
        return repository.findByHashAndRevokedAtIsNull(hash).map(ApiKeyRow::toDomain);
    }

    /** Newest first. */
    @Override
    public List<ApiKey> ofAccount(AccountId account) {
        return repository.findByAccountIdOrderByCreatedAtDesc(account.value()).stream().map(ApiKeyRow::toDomain).toList();
    }

    @Override
    public void used(String keyId, Instant at, Instant unlessSince) {
        repository.used(keyId, at, unlessSince);
    }

    @Override
    public boolean revoke(AccountId account, String keyId, Instant at) {
        return repository.revoke(account.value(), keyId, at) > 0;
    }
}
