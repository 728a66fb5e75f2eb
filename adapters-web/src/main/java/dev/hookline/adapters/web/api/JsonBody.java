package dev.hookline.adapters.web.api;

import dev.hookline.application.port.in.Problem;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonBoolean;
import dev.hookline.domain.event.json.JsonNull;
import dev.hookline.domain.event.json.JsonNumber;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonString;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request body parsed with the domain's strict JSON parser (the same one that canonicalises
 * event payloads), with typed field access whose errors name the field.
 */
public final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /**
     * The body of a request that must be JSON: without a Content-Type, or with
     * {@code application/json} (or any {@code +json} type); anything else is a 415.
     *
     * @throws ApiException 400 for an empty, malformed or non-object body
     */
    public static JsonBody parse(HttpRequest<?> request, String raw) {
        requireJson(request);
        return parse(raw);
    }

    /** A 415 unless the request has no Content-Type or a JSON one. */
    static void requireJson(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty()) {
            return;
        }
        String subtype = type.get().getSubtype().toLowerCase(Locale.ROOT);
        boolean json = subtype.equals("json") || subtype.endsWith("+json");
        if (type.get().getType().equalsIgnoreCase("application") && json) {
            return;
        }
        throw new ApiStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type",
                "send the body as JSON with Content-Type: application/json (got " + type.get().getName() + ")");
    }

    /** @throws ApiException 400 for an empty, malformed or non-object body */
    public static JsonBody parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ApiException(Problem.invalid(null, "the request body must be a JSON object"));
        }
        JsonParse parsed = Json.parse(raw);
        if (parsed instanceof JsonParse.Invalid invalid) {
            String field = invalid.path() == null || invalid.path().equals("$") ? null
                    : invalid.path().replaceFirst("^\\$\\.?", "");
            throw new ApiException(Problem.invalid(field, "malformed JSON: " + invalid.message()
                    + (invalid.offset() >= 0 ? " (at character " + invalid.offset() + ")" : "")));
        }
        JsonValue value = ((JsonParse.Parsed) parsed).value();
        if (!(value instanceof JsonObject object)) {
            throw new ApiException(Problem.invalid(null, "the request body must be a JSON object"));
        }
        return new JsonBody(object);
    }

    /** @throws ApiException 400 naming the first field that is not one of {@code allowed} */
    public void allowOnly(String... allowed) {
        List<String> known = Arrays.asList(allowed);
        for (String field : object.members().keySet()) {
            if (!known.contains(field)) {
                throw new ApiException(Problem.invalid(field, "unknown field " + field + "; this request takes "
                        + String.join(", ", allowed)));
            }
        }
    }

    public boolean has(String field) {
        return object.get(field).filter(v -> !(v instanceof JsonNull)).isPresent();
    }

    /** The raw value, {@code null} when absent. */
    public JsonValue value(String field) {
        return object.get(field).orElse(null);
    }

    /** A string field; {@code null} when absent or null. */
    public String string(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw wrongType(field, "a string");
    }

    public String requiredString(String field) {
        String s = string(field);
        if (s == null || s.isBlank()) {
            throw new ApiException(Problem.invalid(field, field + " is required"));
        }
        return s;
    }

    /** A list of strings; {@code null} when absent or null. */
    public List<String> strings(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw wrongType(field, "a list of strings");
        }
        List<String> out = new ArrayList<>(array.elements().size());
        for (JsonValue element : array.elements()) {
            if (!(element instanceof JsonString s)) {
                throw wrongType(field, "a list of strings");
            }
            out.add(s.value());
        }
        return out;
    }

    public Boolean bool(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        throw wrongType(field, "true or false");
    }

    public Integer integer(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (v instanceof JsonNumber n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) <= Integer.MAX_VALUE) {
            return (int) n.value();
        }
        throw wrongType(field, "a whole number");
    }

    private static ApiException wrongType(String field, String expected) {
        return new ApiException(Problem.invalid(field, field + " must be " + expected));
    }
}
