package dev.hookline.domain.event.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object. {@code members} is unmodifiable and iterates in JavaScript property order:
 * array-index keys ({@code "0"}, {@code "42"}, but not {@code "01"} or {@code "-1"}) first in
 * ascending numeric order, then every other key in insertion order. The constructor puts any map
 * it is given into that order.
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    /** JavaScript array indices are integers 0 ≤ n < 2^32 − 1. */
    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    public JsonObject {
        members = Collections.unmodifiableMap(inJavaScriptOrder(members));
    }

    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(members.get(key));
    }

    /** The member's text, present only if the member exists and is a {@link JsonString}. */
    public Optional<String> string(String key) {
        return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    @Override
    public String canonical() {
        StringBuilder out = new StringBuilder();
        Json.write(this, out);
        return out.toString();
    }

    private static LinkedHashMap<String, JsonValue> inJavaScriptOrder(Map<String, JsonValue> members) {
        List<String> indexKeys = null;
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            Objects.requireNonNull(member.getKey(), "member key");
            Objects.requireNonNull(member.getValue(), "member value");
            if (arrayIndex(member.getKey()) >= 0) {
                if (indexKeys == null) {
                    indexKeys = new ArrayList<>();
                }
                indexKeys.add(member.getKey());
            }
        }
        if (indexKeys == null) {
            return new LinkedHashMap<>(members);
        }
        indexKeys.sort((a, b) -> Long.compare(arrayIndex(a), arrayIndex(b)));
        LinkedHashMap<String, JsonValue> ordered = new LinkedHashMap<>(members.size() * 4 / 3 + 1);
        for (String key : indexKeys) {
            ordered.put(key, members.get(key));
        }
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            ordered.putIfAbsent(member.getKey(), member.getValue());
        }
        return ordered;
    }

    /** The key's value as a JavaScript array index, or -1 if it is not one. */
    static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || (length > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= MAX_ARRAY_INDEX ? n : -1;
    }
}
