package dev.hookline.domain.id;

import java.util.Objects;

/** Identifies a webhook endpoint: {@code wh_} followed by a time-ordered ULID. */
public record EndpointId(String value) implements Comparable<EndpointId> {

    public static final String PREFIX = "wh";

    public EndpointId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX + "_")) {
            throw new IllegalArgumentException("not a EndpointId: " + value);
        }
    }

    public static EndpointId generate() {
        return new EndpointId(PrefixedIds.next(PREFIX));
    }

    /** Whether {@code text} is a well-formed id of this kind (use before {@code new} on user input). */
    public static boolean isValid(String text) {
        return PrefixedIds.looksLike(PREFIX, text);
    }

    @Override
    public int compareTo(EndpointId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
