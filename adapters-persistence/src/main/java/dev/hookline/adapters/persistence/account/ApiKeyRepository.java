package dev.hookline.adapters.persistence.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKeyRow, String> {

    Optional<ApiKeyRow> findByHashAndRevokedAtIsNull(String hash);

    List<ApiKeyRow> findByAccountIdOrderByCreatedAtDesc(String accountId);

    @Query("UPDATE api_keys SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :unlessSince)")
    long used(String id, Instant at, Instant unlessSince);

    @Query("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND account_id = :accountId AND revoked_at IS NULL")
    long revoke(String accountId, String id, Instant at);
}
