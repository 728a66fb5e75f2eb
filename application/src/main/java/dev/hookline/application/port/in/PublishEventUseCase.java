package dev.hookline.application.port.in;

import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.json.JsonValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Publishes an event: in one transaction the event and one delivery per subscribed endpoint
 * (due now; HELD for disabled endpoints). Once this returns, the event survives any crash.
 */
public interface PublishEventUseCase {

    /**
     * @param accountId      as given by the producer (checked here)
     * @param data           must be a JSON object
     * @param previousData   optional JSON object (update events)
     * @param entities       optional JSON object (related ids)
     * @param idempotencyKey optional; a repeat for the same account returns the first event
     */
    record PublishEventCommand(String accountId, String type, JsonValue data, JsonValue previousData,
                               JsonValue entities, String idempotencyKey) {
    }

    /** @param replayed the idempotency key was seen before: this is the first event, nothing new was written */
    record PublishedEvent(Event event, int deliveries, boolean replayed) {
    }

    Result<PublishedEvent> publish(PublishEventCommand command);

    /**
     * {@link #publish} without a thread waiting for the write: the future completes once the event
     * is stored. An account or event type not yet known to exist is looked up on {@code lookUps}
     * (an executor whose threads may block); otherwise the caller's thread does not block.
     */
    CompletableFuture<Result<PublishedEvent>> publishAsync(PublishEventCommand command, Executor lookUps);
}
