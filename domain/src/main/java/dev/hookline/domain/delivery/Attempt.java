package dev.hookline.domain.delivery;

import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.id.DeliveryId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP attempt of a delivery, as logged. Append-only.
 *
 * @param number         1 for the first attempt of the delivery, counting every trigger
 * @param requestHeaders the headers sent, signatures included
 */
public record Attempt(
        AttemptId id,
        DeliveryId deliveryId,
        int number,
        AttemptTrigger trigger,
        Instant startedAt,
        Duration duration,
        Map<String, String> requestHeaders,
        AttemptOutcome outcome) {

    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        requestHeaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requestHeaders));
        if (number < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1");
        }
    }
}
