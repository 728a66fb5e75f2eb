package dev.hookline.domain.event.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads producers' JSON and writes it back as {@code JSON.stringify(JSON.parse(text))} would, so
 * that receivers who re-serialise the parsed body before verifying a signature get our bytes.
 */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * Parses RFC 8259 JSON text (one value, whitespace around it allowed). Refuses, besides
     * malformed text, nesting deeper than 64 levels, numbers that {@code JSON.parse} could not
     * hold exactly, and a member name repeated in one object (where {@code JSON.parse} would
     * silently keep the last value).
     */
    public static JsonParse parse(String text) {
        Objects.requireNonNull(text, "text");
        return new JsonParser(text).parse();
    }

    /** JSON.stringify of a Java string: quotes and escapes. */
    public static String quote(String s) {
        if (!needsEscaping(s)) {
            return '"' + s + '"';
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        quote(s, out);
        return out.toString();
    }

    static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            out.append('{');
            Iterator<Map.Entry<String, JsonValue>> members = object.members().entrySet().iterator();
            while (members.hasNext()) {
                Map.Entry<String, JsonValue> member = members.next();
                quote(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
                if (members.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof JsonArray array) {
            out.append('[');
            List<JsonValue> elements = array.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(elements.get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonString string) {
            quote(string.value(), out);
        } else {
            out.append(value.canonical());
        }
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** QuoteJSONString of ECMA-262 (ES2019 and later: lone surrogates escaped). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
