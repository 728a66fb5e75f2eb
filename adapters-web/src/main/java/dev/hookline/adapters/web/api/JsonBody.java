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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
     * The body of a request that must be JSON: sent with {@code application/json} (or any
     * {@code +json} type); a non-empty body without a Content-Type, or with another one, is a 415.
     *
     * @throws ApiException 400 for an empty, malformed, non-UTF-8 or non-object body
     */
    public static JsonBody parse(HttpRequest<?> request, byte[] body) {
        requireJson(request.getContentType(), body);
        return parse(text(body));
    }

    /**
     * The body of a request whose body is optional: {@code null} when there is none (or only
     * whitespace), else as {@link #parse(HttpRequest, byte[])}.
     */
    public static JsonBody parseOptional(HttpRequest<?> request, byte[] body) {
        requireJson(request.getContentType(), body);
        String text = text(body);
        return text == null || text.isBlank() ? null : parse(text);
    }

    /** A 415 unless the body is empty or has a JSON Content-Type. */
    static void requireJson(Optional<MediaType> type, byte[] body) {
        if (type.isEmpty()) {
            if (body == null || body.length == 0) {
                return;
            }
            throw new ApiStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type",
                    "send the body as JSON with Content-Type: application/json (the request has no Content-Type)");
        }
        String subtype = type.get().getSubtype().toLowerCase(Locale.ROOT);
        boolean json = subtype.equals("json") || subtype.endsWith("+json");
        if (type.get().getType().equalsIgnoreCase("application") && json) {
            return;
        }
        throw new ApiStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type",
                "send the body as JSON with Content-Type: application/json (got " + type.get().getName() + ")");
    }

    /**
     * The body as text; {@code null} for none.
     *
     * @throws ApiException 400 when the bytes are not UTF-8 (JSON text is UTF-8, RFC 8259 §8.1), rather
     *                      than replacing them with U+FFFD and keeping an altered payload
     */
    static String text(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(Problem.invalid(null, "the request body is not valid UTF-8"
                    + firstMalformedByte(body) + "; send JSON encoded as UTF-8"));
        }
    }

    private static String firstMalformedByte(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return String.format(" (byte 0x%02X at offset %d)", body[in.position()] & 0xff, in.position());
        }
        return "";
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
                        + (allowed.length == 0 ? "no fields" : String.join(", ", allowed))));
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

    /**
     * A string field; {@code null} when absent or null. A NUL character (U+0000) is a 400:
     * PostgreSQL cannot store it in a text column, and no name, URL or id needs it.
     */
    public String string(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (v instanceof JsonString s) {
            return withoutNul(field, s.value());
        }
        throw wrongType(field, "a string");
    }

    private static String withoutNul(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new ApiException(Problem.invalid(field, field + " must not contain NUL characters (\\u0000)"));
        }
        return value;
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
            out.add(withoutNul(field, s.value()));
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

    /**
     * A whole number; {@code null} when absent or null. One beyond the int range reads as the
     * nearest int, so that the field's own range check names its limits.
     */
    public Integer integer(String field) {
        JsonValue v = value(field);
        if (v == null || v instanceof JsonNull) {
            return null;
        }
        if (v instanceof JsonNumber n && n.value() == Math.rint(n.value())) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.value()));
        }
        throw wrongType(field, "a whole number");
    }

    /** Whether the field is present as JSON {@code null}. */
    public boolean isNull(String field) {
        return value(field) instanceof JsonNull;
    }

    /** @throws ApiException 400 naming the first of {@code fields} given as {@code null} */
    public void refuseNull(String... fields) {
        for (String field : fields) {
            if (isNull(field)) {
                throw new ApiException(Problem.invalid(field, field
                        + " must not be null; leave it out to keep the current value"));
            }
        }
    }

    private static ApiException wrongType(String field, String expected) {
        return new ApiException(Problem.invalid(field, field + " must be " + expected));
    }
}
