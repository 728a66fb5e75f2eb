package dev.hookline.application.service;

import dev.hookline.application.port.out.Events;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EventId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events in a map, following the port's semantics (an idempotency key is used once per account). */
final class FakeEvents implements Events {

    private final Map<EventId, Event> events;

    FakeEvents(Map<EventId, Event> events) {
        this.events = events;
    }

    @Override
    public boolean add(Event event) {
        if (event.idempotencyKey().isPresent() && findByIdempotencyKey(event.accountId(),
                event.idempotencyKey().get()).isPresent()) {
            return false;
        }
        events.put(event.id(), event);
        return true;
    }

    @Override
    public List<Boolean> addAll(List<Event> all) {
        return all.stream().map(this::add).toList();
    }

    @Override
    public Optional<Event> find(AccountId a, EventId id) {
        return Optional.ofNullable(events.get(id)).filter(e -> e.accountId().equals(a));
    }

    @Override
    public Optional<Event> findByIdempotencyKey(AccountId a, String key) {
        return events.values().stream()
                .filter(e -> e.accountId().equals(a) && e.idempotencyKey().equals(Optional.of(key))).findFirst();
    }

    @Override
    public Map<EventId, Event> findAll(Collection<EventId> ids) {
        Map<EventId, Event> out = new HashMap<>();
        ids.forEach(id -> Optional.ofNullable(events.get(id)).ifPresent(e -> out.put(id, e)));
        return out;
    }

    @Override
    public int purge(Instant cutoff, int limit) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
