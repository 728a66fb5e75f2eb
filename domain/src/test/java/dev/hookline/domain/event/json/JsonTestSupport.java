package dev.hookline.domain.event.json;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

final class JsonTestSupport {

    private JsonTestSupport() {
    }

    static JsonValue parsed(String text) {
        JsonParse result = Json.parse(text);
        if (result instanceof JsonParse.Invalid invalid) {
            throw new AssertionError("expected " + text + " to parse, got " + invalid);
        }
        return ((JsonParse.Parsed) result).value();
    }

    static String canonical(String text) {
        return parsed(text).canonical();
    }

    static JsonParse.Invalid invalid(String text) {
        return assertInstanceOf(JsonParse.Invalid.class, Json.parse(text), () -> "expected " + text + " to be refused");
    }
}
