package dev.hookline.domain.event.json;

/**
 * A parsed JSON value, kept in the form JavaScript's {@code JSON.parse} would give it, so that
 * {@link #canonical()} is byte for byte what {@code JSON.stringify(JSON.parse(text))} writes.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Compact text exactly as JavaScript's JSON.stringify would write this value. */
    String canonical();
}
