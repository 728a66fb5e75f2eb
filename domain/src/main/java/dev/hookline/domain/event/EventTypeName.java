package dev.hookline.domain.event;

import java.util.Objects;
import java.util.regex.Pattern;

/** The name of an event type, such as {@code payment.succeeded}: a category, a dot, an action. */
public record EventTypeName(String value) implements Comparable<EventTypeName> {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");
    public static final int MAX_LENGTH = 100;

    public EventTypeName {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an event type name: " + value);
        }
    }

    /** Whether {@code text} is a valid name: lower-case words of {@code [a-z0-9_]} joined by dots. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && PATTERN.matcher(text).matches();
    }

    /** The category: the part before the first dot ({@code payment} for {@code payment.succeeded}). */
    public String category() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public int compareTo(EventTypeName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
