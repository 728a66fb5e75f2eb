package dev.hookline.domain.event.json;

/** JSON {@code true} or {@code false}. */
public record JsonBoolean(boolean value) implements JsonValue {

    @Override
    public String canonical() {
        return value ? "true" : "false";
    }
}
