package dev.hookline.domain.event.json;

import static dev.hookline.domain.event.json.JsonTestSupport.canonical;
import static dev.hookline.domain.event.json.JsonTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalWritingTest {

    @Test
    void writesCompactTextWithoutWhitespace() {
        assertEquals("{\"a\":[1,true,false,null,\"x y\"],\"b\":{}}",
                canonical("{ \"a\" : [ 1 , true , false , null , \"x y\" ] ,\n \"b\" : { } }"));
    }

    @Test
    void escapesQuoteBackslashAndTheNamedControlCharacters() {
        assertEquals("\"\\\"\\\\\\b\\f\\n\\r\\t\"", Json.quote("\"\\\b\f\n\r\t"));
    }

    @Test
    void escapesOtherControlCharactersAsLowerCaseUnicodeEscapes() {
        assertEquals("\"\\u0000\\u0001\\u001f\\u000b\"", Json.quote("\u0000\u0001\u001f\u000b"));
    }

    @Test
    void leavesSlashNonAsciiLineSeparatorsAndDelUnescaped() {
        String raw = "/ é 東京 \u2028 \u2029 \u007f 😀";
        assertEquals("\"" + raw + "\"", Json.quote(raw));
    }

    @Test
    void unescapesEscapedSlashAndUnicodeThatNeedNoEscaping() {
        assertEquals("\"a/b é\"", canonical("\"a\\/b \\u00E9\""));
        assertEquals("\"\\u001f\"", canonical("\"\\u001F\""));
    }

    @Test
    void decodesUnicodeEscapesAndJoinsSurrogatePairs() {
        assertEquals(new JsonString("😀é"), parsed("\"\\ud83d\\uDE00\\u00e9\""));
        assertEquals("\"😀\"", canonical("\"\\ud83d\\ude00\""));
    }

    @Test
    void keepsLoneSurrogatesAndWritesThemAsLowerCaseEscapes() {
        assertEquals(new JsonString("a\uD800b"), parsed("\"a\\uD800b\""));
        assertEquals("\"a\\ud800b\"", canonical("\"a\\uD800b\""));
        assertEquals("\"\\udc00\\ud83d\"", canonical("\"\\uDC00\\uD83D\""));
        assertEquals("\"\\ud83d\"", Json.quote("\uD83D"));
        assertEquals("\"x\\ude00\"", Json.quote("x\uDE00"));
    }

    @Test
    void integerLikeKeysComeFirstInAscendingOrderLikeJavaScript() {
        assertEquals("{\"0\":0,\"2\":2,\"10\":10,\"4294967294\":5,\"b\":1,\"a\":2,\"01\":3,\"-1\":4,\"1.0\":6,"
                        + "\"4294967295\":7,\" 3\":8}",
                canonical("{\"b\":1,\"10\":10,\"a\":2,\"01\":3,\"2\":2,\"-1\":4,\"4294967294\":5,\"1.0\":6,"
                        + "\"4294967295\":7,\"0\":0,\" 3\":8}"));
    }

    @Test
    void objectsBuiltInCodeAreAlsoInJavaScriptOrder() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", new JsonString("n"));
        members.put("7", JsonNull.INSTANCE);
        members.put("3", JsonNull.INSTANCE);
        JsonObject object = new JsonObject(members);
        assertEquals(List.of("3", "7", "name"), List.copyOf(object.members().keySet()));
        assertEquals("{\"3\":null,\"7\":null,\"name\":\"n\"}", object.canonical());
    }

    @Test
    void membersAndElementsCannotBeChangedAfterwards() {
        JsonObject object = (JsonObject) parsed("{\"a\":[1]}");
        assertThrows(UnsupportedOperationException.class, () -> object.members().put("b", JsonNull.INSTANCE));
        JsonArray array = (JsonArray) object.members().get("a");
        assertThrows(UnsupportedOperationException.class, () -> array.elements().add(JsonNull.INSTANCE));
    }

    @Test
    void objectGivesMembersAndStringMembersByName() {
        JsonObject object = (JsonObject) parsed("{\"id\":\"cus_1\",\"amount\":5}");
        assertEquals(Optional.of(new JsonNumber(5)), object.get("amount"));
        assertEquals(Optional.empty(), object.get("missing"));
        assertEquals(Optional.of("cus_1"), object.string("id"));
        assertEquals(Optional.empty(), object.string("amount"));
        assertEquals(Optional.empty(), object.string("missing"));
    }

    @Test
    void stringsWithNothingToEscapeAreOnlyQuoted() {
        assertEquals("\"\"", Json.quote(""));
        assertEquals("\"plain text\"", Json.quote("plain text"));
    }
}
