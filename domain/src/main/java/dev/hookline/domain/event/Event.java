package dev.hookline.domain.event;

import dev.hookline.domain.id.EventId;
import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a merchant's account. Immutable once published.
 *
 * <p>{@code data}, {@code previousData} and {@code entities} hold canonical compact JSON objects
 * (see {@code dev.hookline.domain.event.json.Json}): exactly the bytes that go on the wire.
 *
 * @param idempotencyKey the producer's {@code Idempotency-Key}, unique per account
 * @param test           a test event sent from the dashboard or {@code POST /v1/webhooks/test}
 */
public record Event(
        EventId id,
        AccountId accountId,
        EventTypeName type,
        Instant createdAt,
        String data,
        Optional<String> previousData,
        Optional<String> entities,
        Optional<String> idempotencyKey,
        boolean test) {

    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(previousData, "previousData");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!data.startsWith("{")) {
            throw new IllegalArgumentException("data must be a JSON object");
        }
    }
}
