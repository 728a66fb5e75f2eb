package dev.hookline.domain.event.json;

/** JSON {@code null}. */
public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public String canonical() {
        return "null";
    }
}
