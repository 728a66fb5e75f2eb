package dev.hookline.domain.event.json;

import java.util.List;

/** A JSON array; {@code elements} is unmodifiable. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    public JsonArray {
        elements = List.copyOf(elements);
    }

    @Override
    public String canonical() {
        StringBuilder out = new StringBuilder();
        Json.write(this, out);
        return out.toString();
    }
}
