package dev.hookline.domain.event.json;

import java.util.Objects;

/** The outcome of {@link Json#parse(String)}. */
public sealed interface JsonParse permits JsonParse.Parsed, JsonParse.Invalid {

    record Parsed(JsonValue value) implements JsonParse {
        public Parsed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * @param path    where the problem is, like {@code $.data.items[2].amount} ({@code $} for the root)
     * @param message what is wrong, in plain English
     * @param offset  char index in the text, or -1
     */
    record Invalid(String path, String message, int offset) implements JsonParse {
        public Invalid {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }
}
