package dev.hookline.adapters.persistence.endpoint;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EndpointRepository extends GenericRepository<EndpointRow, String> {

    EndpointRow save(EndpointRow row);

    // every read leaves deleted endpoints out (deleted_at is set until the housekeeping job has
    // deleted their deliveries and then the row)

    @Query("SELECT * FROM endpoints WHERE id = :id AND account_id = :accountId AND deleted_at IS NULL")
    Optional<EndpointRow> findLive(String id, String accountId);

    @Query("SELECT * FROM endpoints WHERE id IN (:ids) AND deleted_at IS NULL")
    List<EndpointRow> findLiveIn(Collection<String> ids);

    @Query("SELECT * FROM endpoints WHERE account_id = :accountId AND deleted_at IS NULL ORDER BY id DESC")
    List<EndpointRow> findLiveOfAccount(String accountId);

    @Query("""
            SELECT * FROM endpoints
            WHERE disabled_cause IS NULL AND failing_since <= :cutoff AND exhausted_since_success = TRUE
              AND deleted_at IS NULL
            ORDER BY failing_since LIMIT :limit""")
    List<EndpointRow> autoDisableCandidates(Instant cutoff, int limit);
}
