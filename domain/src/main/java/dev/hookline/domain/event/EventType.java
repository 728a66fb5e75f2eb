package dev.hookline.domain.event;

import java.util.Objects;

/**
 * A kind of event merchants can subscribe to.
 *
 * @param name        e.g. {@code payment.succeeded}
 * @param category    the group it is shown under, e.g. {@code Payments}
 * @param description one sentence saying when it is published
 * @param sample      a realistic {@code data} object (canonical compact JSON) sent by test events
 */
public record EventType(EventTypeName name, String category, String description, String sample) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sample, "sample");
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("category must not be blank");
        }
    }
}
