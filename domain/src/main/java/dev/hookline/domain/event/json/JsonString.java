package dev.hookline.domain.event.json;

import java.util.Objects;

/** A JSON string; {@code value} may hold lone surrogates, as a JavaScript string can. */
public record JsonString(String value) implements JsonValue {

    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String canonical() {
        return Json.quote(value);
    }
}
