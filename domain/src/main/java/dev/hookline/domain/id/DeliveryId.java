package dev.hookline.domain.id;

import java.util.Objects;

/** Identifies the delivery of one event to one endpoint: {@code dlv_} followed by a time-ordered ULID. */
public record DeliveryId(String value) implements Comparable<DeliveryId> {

    public static final String PREFIX = "dlv";

    public DeliveryId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX + "_")) {
            throw new IllegalArgumentException("not a DeliveryId: " + value);
        }
    }

    public static DeliveryId generate() {
        return new DeliveryId(PrefixedIds.next(PREFIX));
    }

    /** Whether {@code text} is a well-formed id of this kind (use before {@code new} on user input). */
    public static boolean isValid(String text) {
        return PrefixedIds.looksLike(PREFIX, text);
    }

    @Override
    public int compareTo(DeliveryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
