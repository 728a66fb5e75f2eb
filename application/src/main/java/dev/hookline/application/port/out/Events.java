package dev.hookline.application.port.out;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Published events. Immutable once added. */
public interface Events {

    /**
     * Adds the event; false (and nothing written) when the account already has an event with
     * the same idempotency key.
     */
    boolean add(Event event);

    /** {@link #add} for each event, in one round trip; one answer per event, in order. */
    List<Boolean> addAll(List<Event> events);

    Optional<Event> find(AccountId account, EventId id);

    Optional<Event> findByIdempotencyKey(AccountId account, String key);

    /** The events with these ids (any account): for the dispatcher, which already holds the deliveries. */
    Map<EventId, Event> findAll(Collection<EventId> ids);

    /** Deletes up to {@code limit} events created before {@code cutoff} that no delivery refers to any more. */
    int purge(Instant cutoff, int limit);
}
