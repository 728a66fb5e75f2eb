package dev.hookline.adapters.web.api;

import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonBoolean;
import dev.hookline.domain.event.json.JsonNull;
import dev.hookline.domain.event.json.JsonNumber;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonString;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Canonical JSON text embedded as JSON (not as a string) in API responses. In the OpenAPI document
 * it is what it is on the wire: any JSON object.
 */
@Schema(name = "JsonObject", type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
        description = "a JSON object, as it was published")
public record RawJson(@Schema(hidden = true) String json) {

    /** Writes the stored text as the JSON value it is. */
    @Singleton
    public static class RawJsonSerializer implements Serializer<RawJson> {

        @Override
        public void serialize(Encoder encoder, EncoderContext context, Argument<? extends RawJson> type, RawJson value)
                throws IOException {
            if (Json.parse(value.json()) instanceof JsonParse.Parsed parsed) {
                write(encoder, parsed.value());
            } else {
                encoder.encodeNull();
            }
        }

        private static void write(Encoder encoder, JsonValue value) throws IOException {
            if (value instanceof JsonObject object) {
                Encoder o = encoder.encodeObject(Argument.OBJECT_ARGUMENT);
                for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                    o.encodeKey(member.getKey());
                    write(o, member.getValue());
                }
                o.finishStructure();
            } else if (value instanceof JsonArray array) {
                Encoder a = encoder.encodeArray(Argument.OBJECT_ARGUMENT);
                for (JsonValue element : array.elements()) {
                    write(a, element);
                }
                a.finishStructure();
            } else if (value instanceof JsonString s) {
                encoder.encodeString(s.value());
            } else if (value instanceof JsonNumber n) {
                double d = n.value();
                if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                    encoder.encodeLong((long) d);
                } else {
                    encoder.encodeDouble(d);
                }
            } else if (value instanceof JsonBoolean b) {
                encoder.encodeBoolean(b.value());
            } else if (value instanceof JsonNull) {
                encoder.encodeNull();
            }
        }
    }
}
