package dev.hookline.domain.id;

import java.util.Objects;

/** Identifies an event; it is also the {@code webhook-id} header on every attempt: {@code evt_} followed by a time-ordered ULID. */
public record EventId(String value) implements Comparable<EventId> {

    public static final String PREFIX = "evt";

    public EventId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX + "_")) {
            throw new IllegalArgumentException("not a EventId: " + value);
        }
    }

    public static EventId generate() {
        return new EventId(PrefixedIds.next(PREFIX));
    }

    /** Whether {@code text} is a well-formed id of this kind (use before {@code new} on user input). */
    public static boolean isValid(String text) {
        return PrefixedIds.looksLike(PREFIX, text);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
