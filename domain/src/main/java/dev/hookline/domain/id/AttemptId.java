package dev.hookline.domain.id;

import java.util.Objects;

/** Identifies one HTTP attempt of a delivery: {@code att_} followed by a time-ordered ULID. */
public record AttemptId(String value) implements Comparable<AttemptId> {

    public static final String PREFIX = "att";

    public AttemptId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX + "_")) {
            throw new IllegalArgumentException("not a AttemptId: " + value);
        }
    }

    public static AttemptId generate() {
        return new AttemptId(PrefixedIds.next(PREFIX));
    }

    /** Whether {@code text} is a well-formed id of this kind (use before {@code new} on user input). */
    public static boolean isValid(String text) {
        return PrefixedIds.looksLike(PREFIX, text);
    }

    @Override
    public int compareTo(AttemptId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
