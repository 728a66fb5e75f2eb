package dev.hookline.domain.event.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** One strict RFC 8259 pass over the text; see {@link Json#parse(String)}. */
final class JsonParser {

    static final int MAX_DEPTH = 64;
    private static final int MAX_LITERAL_IN_MESSAGE = 40;

    private final String text;
    private final int length;
    private int pos;

    /** Where the value being read sits: per level a member name, or null and an array index. */
    private final String[] pathKeys = new String[MAX_DEPTH];
    private final int[] pathIndexes = new int[MAX_DEPTH];
    private int pathLength;

    JsonParser(String text) {
        this.text = text;
        this.length = text.length();
    }

    JsonParse parse() {
        try {
            if (length > 0 && text.charAt(0) == '\uFEFF') {
                throw fail(0, "the text starts with a byte order mark (U+FEFF), which JSON does not allow");
            }
            skipWhitespace();
            if (pos == length) {
                throw fail(pos, length == 0 ? "the input is empty; expected a JSON value"
                        : "the input is only whitespace; expected a JSON value");
            }
            JsonValue value = value(0);
            skipWhitespace();
            if (pos < length) {
                throw fail(pos, "unexpected " + describe(pos) + " after the end of the JSON value");
            }
            return new JsonParse.Parsed(value);
        } catch (Failure failure) {
            return new JsonParse.Invalid(failure.path, failure.getMessage(), failure.offset);
        }
    }

    /** @param depth how many arrays and objects enclose this value */
    private JsonValue value(int depth) {
        if (pos >= length) {
            throw fail(pos, "unexpected end of input; expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return new JsonString(string());
            case 't':
                word("true");
                return new JsonBoolean(true);
            case 'f':
                word("false");
                return new JsonBoolean(false);
            case 'n':
                word("null");
                return JsonNull.INSTANCE;
            default:
                if (c == '-' || JsNumbers.isDigit(c)) {
                    return number();
                }
                throw fail(pos, notAValue(c));
        }
    }

    private String notAValue(char c) {
        if (c == '\'') {
            return "strings must be in double quotes, not single quotes";
        }
        if (c == '+') {
            return "a number must not start with '+'";
        }
        if (c == '.') {
            return "a number must not start with '.'; write 0.5, not .5";
        }
        if (c == '/') {
            return "comments are not allowed in JSON";
        }
        if (text.startsWith("NaN", pos) || text.startsWith("Infinity", pos)) {
            return (c == 'N' ? "NaN" : "Infinity") + " is not a JSON value";
        }
        if (text.startsWith("undefined", pos)) {
            return "undefined is not a JSON value";
        }
        return "unexpected " + describe(pos) + "; expected a value (object, array, string, number, true, false or null)";
    }

    private void word(String word) {
        if (!text.startsWith(word, pos)) {
            throw fail(pos, "unexpected " + describe(pos) + "; expected a value (did you mean " + word + "?)");
        }
        pos += word.length();
    }

    private JsonObject object(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail(pos, "nested deeper than " + MAX_DEPTH + " levels");
        }
        int open = pos++;
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == '}') {
            pos++;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (pos >= length) {
                throw fail(open, "the object is not closed; the input ends inside it");
            }
            char c = text.charAt(pos);
            if (c != '"') {
                if (c == '}') {
                    throw fail(pos, "trailing comma before '}'");
                }
                if (c == '\'') {
                    throw fail(pos, "member names must be in double quotes, not single quotes");
                }
                if (c == '/') {
                    throw fail(pos, "comments are not allowed in JSON");
                }
                throw fail(pos, "expected a member name in double quotes but found " + describe(pos));
            }
            int keyStart = pos;
            String key = string();
            pathKeys[depth - 1] = key;
            pathLength = depth;
            skipWhitespace();
            if (pos >= length || text.charAt(pos) != ':') {
                throw fail(pos, "expected ':' after the member name but found " + describe(pos));
            }
            if (members.containsKey(key)) {
                // JSON.parse would keep the last value: refused, so that no value is dropped unseen
                throw fail(keyStart, "duplicate member name " + Json.quote(key)
                        + "; each name may appear only once in an object");
            }
            pos++;
            skipWhitespace();
            members.put(key, value(depth));
            pathLength = depth - 1;
            skipWhitespace();
            if (pos >= length) {
                throw fail(open, "the object is not closed; the input ends inside it");
            }
            c = text.charAt(pos++);
            if (c == '}') {
                return new JsonObject(members);
            }
            if (c != ',') {
                throw fail(pos - 1, "expected ',' or '}' after a member but found " + describe(pos - 1));
            }
        }
    }

    private JsonArray array(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail(pos, "nested deeper than " + MAX_DEPTH + " levels");
        }
        int open = pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            pathKeys[depth - 1] = null;
            pathIndexes[depth - 1] = elements.size();
            pathLength = depth;
            skipWhitespace();
            if (pos < length && text.charAt(pos) == ']') {
                throw fail(pos, "trailing comma before ']'");
            }
            elements.add(value(depth));
            pathLength = depth - 1;
            skipWhitespace();
            if (pos >= length) {
                throw fail(open, "the array is not closed; the input ends inside it");
            }
            char c = text.charAt(pos++);
            if (c == ']') {
                return new JsonArray(elements);
            }
            if (c != ',') {
                throw fail(pos - 1, "expected ',' or ']' after an element but found " + describe(pos - 1));
            }
        }
    }

    private String string() {
        int open = pos++;
        int start = pos;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20) {
                return escapedString(open, start);
            }
            pos++;
        }
        throw fail(open, "the string is not closed; no '\"' before the end of the input");
    }

    private String escapedString(int open, int start) {
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw fail(pos, "raw control character " + describe(pos) + " in a string; escape it"
                        + (c == '\n' ? " as \\n" : c == '\t' ? " as \\t" : c == '\r' ? " as \\r" : " as \\u00XX"));
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= length) {
                break;
            }
            char escape = text.charAt(pos + 1);
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append(hexChar(pos));
                    pos += 4;
                }
                default -> throw fail(pos, "invalid escape '\\" + (escape < 0x20 ? describe(pos + 1) : escape)
                        + "' in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
            }
            pos += 2;
        }
        throw fail(open, "the string is not closed; no '\"' before the end of the input");
    }

    /** The char of the {@code \}{@code uXXXX} escape at {@code at}; surrogates pair up by themselves. */
    private char hexChar(int at) {
        int value = 0;
        for (int i = at + 2; i < at + 6; i++) {
            int digit = i < length ? Character.digit(text.charAt(i), 16) : -1;
            if (digit < 0 || text.charAt(i) > 'f') {
                throw fail(at, "invalid \\u escape in a string; expected four hex digits after \\u");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    private JsonNumber number() {
        int start = pos;
        boolean negative = text.charAt(pos) == '-';
        if (negative) {
            pos++;
            if (pos >= length || !JsNumbers.isDigit(text.charAt(pos))) {
                throw fail(pos, text.startsWith("Infinity", pos) ? "-Infinity is not a JSON value"
                        : "expected a digit after '-' but found " + describe(pos));
            }
        }
        int digitsStart = pos;
        if (text.charAt(pos) == '0') {
            pos++;
            if (pos < length && JsNumbers.isDigit(text.charAt(pos))) {
                throw fail(digitsStart, "numbers must not have leading zeros (write 1, not 01)");
            }
        } else {
            skipDigits();
        }
        boolean plainInteger = true;
        if (pos < length && text.charAt(pos) == '.') {
            plainInteger = false;
            pos++;
            if (skipDigits() == 0) {
                throw fail(pos, "expected a digit after the decimal point but found " + describe(pos));
            }
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            plainInteger = false;
            pos++;
            if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                throw fail(pos, "expected a digit in the exponent but found " + describe(pos));
            }
        }
        if (plainInteger && pos - digitsStart <= 15) {
            long n = 0;
            for (int i = digitsStart; i < pos; i++) {
                n = n * 10 + (text.charAt(i) - '0');
            }
            return new JsonNumber(negative ? -n : n);
        }
        JsNumbers.Decimal literal = JsNumbers.Decimal.parse(text, digitsStart, pos);
        double value = literal.isZero() ? 0 : Double.parseDouble(text.substring(start, pos));
        if (!JsNumbers.keepsValue(literal, value)) {
            String becomes = Double.isInfinite(value) ? "Infinity, which JSON.stringify writes as null"
                    : JsNumbers.toString(value);
            throw fail(start, "number " + abbreviated(start, pos) + " cannot be represented exactly as a"
                    + " JSON.parse double (it would become " + becomes + "); send it as a string");
        }
        return new JsonNumber(value);
    }

    private int skipDigits() {
        int from = pos;
        while (pos < length && JsNumbers.isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos - from;
    }

    private void skipWhitespace() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private String abbreviated(int from, int to) {
        return to - from <= MAX_LITERAL_IN_MESSAGE ? text.substring(from, to)
                : text.substring(from, from + MAX_LITERAL_IN_MESSAGE) + "…";
    }

    private String describe(int at) {
        if (at >= length) {
            return "the end of the input";
        }
        char c = text.charAt(at);
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || c == '\uFEFF') {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private Failure fail(int offset, String message) {
        return new Failure(path(), message, offset);
    }

    private String path() {
        StringBuilder out = new StringBuilder("$");
        for (int i = 0; i < pathLength; i++) {
            String key = pathKeys[i];
            if (key == null) {
                out.append('[').append(pathIndexes[i]).append(']');
            } else if (isIdentifier(key)) {
                out.append('.').append(key);
            } else {
                out.append('[').append(Json.quote(key)).append(']');
            }
        }
        return out.toString();
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_' || key.charAt(0) == '$')) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }

    /** Unwinds the parse to {@link #parse()}, which turns it into {@link JsonParse.Invalid}. */
    private static final class Failure extends RuntimeException {
        final String path;
        final int offset;

        Failure(String path, String message, int offset) {
            super(message, null, false, false);
            this.path = path;
            this.offset = offset;
        }
    }
}
