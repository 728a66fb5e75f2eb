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

    Optional<EndpointRow> findByIdAndAccountId(String id, String accountId);

    List<EndpointRow> findByIdIn(Collection<String> ids);

    List<EndpointRow> findByAccountIdOrderByIdDesc(String accountId);

    long deleteByIdAndAccountId(String id, String accountId);

    @Query("""
            SELECT * FROM endpoints
            WHERE disabled_cause IS NULL AND failing_since <= :cutoff AND exhausted_since_success = TRUE
            ORDER BY failing_since LIMIT :limit""")
    List<EndpointRow> autoDisableCandidates(Instant cutoff, int limit);
}
