package dev.hookline.adapters.persistence.event;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EventRepository extends GenericRepository<EventRow, String> {

    Optional<EventRow> findByIdAndAccountId(String id, String accountId);

    Optional<EventRow> findByAccountIdAndIdempotencyKey(String accountId, String idempotencyKey);

    List<EventRow> findByIdIn(Collection<String> ids);
}
