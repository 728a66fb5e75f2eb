package dev.hookline.adapters.persistence.event;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.Events;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Singleton
class JdbcEvents implements Events {

    /*
     * ON CONFLICT DO NOTHING: a repeated idempotency key writes nothing and, unlike a caught
     * unique violation, does not abort the surrounding PostgreSQL transaction. H2 2.3 accepts it
     * in PostgreSQL mode.
     */
    private static final String INSERT = """
            INSERT INTO events (id, account_id, type, created_at, data, previous_data, entities, idempotency_key, test)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String PURGEABLE = """
            SELECT e.id FROM events e
            WHERE e.created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
            ORDER BY e.created_at LIMIT ?""";

    private final EventRepository repository;
    private final Jdbc jdbc;

    JdbcEvents(EventRepository repository, Jdbc jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(Event event) {
        return addAll(List.of(event)).get(0);
    }

    @Override
    public List<Boolean> addAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Event event : events) {
                    EventRow row = EventRow.fromDomain(event);
                    ps.setString(1, row.id());
                    ps.setString(2, row.accountId());
                    ps.setString(3, row.type());
                    Jdbc.setInstant(ps, 4, row.createdAt());
                    ps.setString(5, row.data());
                    ps.setString(6, row.previousData());
                    ps.setString(7, row.entities());
                    ps.setString(8, row.idempotencyKey());
                    ps.setBoolean(9, row.test());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                List<Boolean> added = new ArrayList<>(counts.length);
                for (int count : counts) {
                    added.add(count == 1); // 0: ON CONFLICT DO NOTHING skipped it
                }
                return added;
            }
        });
    }

    @Override
    public Optional<Event> find(AccountId account, EventId id) {
        return repository.findByIdAndAccountId(id.value(), account.value()).map(EventRow::toDomain);
    }

    @Override
    public Optional<Event> findByIdempotencyKey(AccountId account, String key) {
        return repository.findByAccountIdAndIdempotencyKey(account.value(), key).map(EventRow::toDomain);
    }

    @Override
    public Map<EventId, Event> findAll(Collection<EventId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> distinct = ids.stream().map(EventId::value).distinct().toList();
        Map<EventId, Event> found = new HashMap<>(distinct.size() * 2);
        for (EventRow row : repository.findByIdIn(distinct)) {
            Event event = row.toDomain();
            found.put(event.id(), event);
        }
        return found;
    }

    @Override
    public int purge(Instant cutoff, int limit) {
        return jdbc.changeSelected("DELETE FROM events WHERE %s", List.of(), PURGEABLE, List.of(cutoff, limit), List.of());
    }
}
