package dev.hookline.bootstrap.testing;

import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonValue;

/** Reading API answers in tests: a body as a JSON object, a field that must be there. */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonObject object(String body) {
        JsonParse parsed = Json.parse(body);
        if (parsed instanceof JsonParse.Parsed p && p.value() instanceof JsonObject o) {
            return o;
        }
        throw new AssertionError("not a JSON object: " + body);
    }

    public static String str(JsonObject o, String field) {
        return o.string(field).orElseThrow(() -> new AssertionError("no " + field + " in " + o.canonical()));
    }

    public static JsonValue get(JsonObject o, String field) {
        return o.get(field).orElseThrow(() -> new AssertionError("no " + field + " in " + o.canonical()));
    }
}
