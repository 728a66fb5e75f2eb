package dev.hookline.domain.event.json;

import static dev.hookline.domain.event.json.JsonTestSupport.invalid;
import static dev.hookline.domain.event.json.JsonTestSupport.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictParsingTest {

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[1,2,]                 | 5  | trailing comma before ']'",
            "{\"a\":1,}             | 7  | trailing comma before '}'",
            "[1] // note            | 4  | unexpected '/' after the end of the JSON value",
            "[/* c */ 1]            | 1  | comments are not allowed in JSON",
            "['a']                  | 1  | strings must be in double quotes, not single quotes",
            "{'a':1}                | 1  | member names must be in double quotes, not single quotes",
            "NaN                    | 0  | NaN is not a JSON value",
            "[Infinity]             | 1  | Infinity is not a JSON value",
            "-Infinity              | 1  | -Infinity is not a JSON value",
            "01                     | 0  | numbers must not have leading zeros (write 1, not 01)",
            "-007                   | 1  | numbers must not have leading zeros (write 1, not 01)",
            "+1                     | 0  | a number must not start with '+'",
            ".5                     | 0  | a number must not start with '.'; write 0.5, not .5",
            "1.                     | 2  | expected a digit after the decimal point but found the end of the input",
            "1e                     | 2  | expected a digit in the exponent but found the end of the input",
            "-                      | 1  | expected a digit after '-' but found the end of the input",
            "\"a\\x\"               | 2  | invalid escape '\\x' in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
            "\"\\u12G4\"            | 1  | invalid \\u escape in a string; expected four hex digits after \\u",
            "\"\\u12\"              | 1  | invalid \\u escape in a string; expected four hex digits after \\u",
            "\"abc                  | 0  | the string is not closed; no '\"' before the end of the input",
            "{\"a\":1} x            | 8  | unexpected 'x' after the end of the JSON value",
            "{\"a\":1}{}            | 7  | unexpected '{' after the end of the JSON value",
            "1 2                    | 2  | unexpected '2' after the end of the JSON value",
            "tru                    | 0  | unexpected 't'; expected a value (did you mean true?)",
            "nul                    | 0  | unexpected 'n'; expected a value (did you mean null?)",
            "undefined              | 0  | undefined is not a JSON value",
            "[1 2]                  | 3  | expected ',' or ']' after an element but found '2'",
            "{\"a\" 1}              | 5  | expected ':' after the member name but found '1'",
            "{\"a\":1 \"b\":2}      | 7  | expected ',' or '}' after a member but found '\"'",
            "{1:2}                  | 1  | expected a member name in double quotes but found '1'",
            "[1,2                   | 0  | the array is not closed; the input ends inside it",
            "{\"a\":                | 5  | unexpected end of input; expected a value",
            "`\uFEFF{}`             | 0  | the text starts with a byte order mark (U+FEFF), which JSON does not allow",
            "`\u00A0{}`             | 0  | unexpected U+00A0; expected a value (object, array, string, number, true, false or null)",
    })
    void refusesWhatRfc8259RefusesSayingWhatAndWhere(String text, int offset, String message) {
        JsonParse.Invalid refusal = invalid(text);
        assertEquals(message, refusal.message());
        assertEquals(offset, refusal.offset());
    }

    @Test
    void refusesEmptyInput() {
        assertEquals(new JsonParse.Invalid("$", "the input is empty; expected a JSON value", 0), Json.parse(""));
        assertEquals(new JsonParse.Invalid("$", "the input is only whitespace; expected a JSON value", 3),
                Json.parse(" \n\t"));
    }

    @Test
    void refusesRawControlCharactersInsideStrings() {
        JsonParse.Invalid newline = invalid("{\"note\":\"line one\nline two\"}");
        assertEquals("raw control character U+000A in a string; escape it as \\n", newline.message());
        assertEquals("$.note", newline.path());
        assertEquals(17, newline.offset());
        assertEquals("raw control character U+0001 in a string; escape it as \\u00XX", invalid("\"a\u0001\"").message());
        assertEquals("raw control character U+0009 in a string; escape it as \\t", invalid("\"\t\"").message());
    }

    @Test
    void allowsDelAndOtherCharactersFromU0020Up() {
        assertEquals("\u007f\u0080\u2028 ", ((JsonString) parsed("\"\u007f\u0080\u2028 \"")).value());
    }

    @Test
    void pathNamesTheMemberOrElementWhereTheProblemIs() {
        JsonParse.Invalid refusal = invalid("{\"data\":{\"items\":[{\"amount\":1},{\"amount\":2},{\"amount\":01}]}}");
        assertEquals("$.data.items[2].amount", refusal.path());
        assertEquals(54, refusal.offset());
    }

    @Test
    void pathQuotesMemberNamesThatAreNotIdentifiers() {
        assertEquals("$[\"line items\"][0][\"0\"]", invalid("{\"line items\":[{\"0\":tru}]}").path());
    }

    @Test
    void pathIsTheRootForProblemsOutsideAnyValue() {
        assertEquals("$", invalid("{\"a\":1,}").path());
        assertEquals("$", invalid("[1] x").path());
        assertEquals("$.a", invalid("{\"a\" 1}").path());
    }

    @Test
    void aRepeatedMemberNameIsRefusedNamingItAtAnyDepth() {
        JsonParse.Invalid top = invalid("{\"type\":\"payment.succeeded\",\"type\":\"invoice.paid\"}");
        assertEquals("duplicate member name \"type\"; each name may appear only once in an object", top.message());
        assertEquals("$.type", top.path());
        assertEquals(28, top.offset());
        assertEquals("$.data.items[1].amount",
                invalid("{\"data\":{\"items\":[{\"amount\":1},{\"amount\":1,\"amount\":2}]}}").path());
        // the same name in different objects is fine, and so are names JavaScript would order differently
        parsed("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"1\":1,\"01\":2}");
    }

    @Test
    void whitespaceAroundAndBetweenTokensIsAllowed() {
        assertEquals(new JsonObject(Map.of("a", new JsonArray(List.of(new JsonNumber(1), JsonNull.INSTANCE)))),
                parsed(" \r\n\t{ \"a\" :\n[ 1 ,\tnull ] } \n"));
    }

    @Test
    void parsesEveryKindOfValue() {
        assertEquals(new JsonBoolean(true), parsed("true"));
        assertEquals(new JsonBoolean(false), parsed("false"));
        assertEquals(JsonNull.INSTANCE, parsed("null"));
        assertEquals(new JsonString("hi"), parsed("\"hi\""));
        assertEquals(new JsonNumber(-12.5), parsed("-12.5"));
        assertEquals(new JsonArray(List.of()), parsed("[]"));
        assertEquals(new JsonObject(Map.of()), parsed("{}"));
    }

    @Test
    void sixtyFourLevelsOfNestingAreFine() {
        assertTrue(Json.parse("[".repeat(64) + "]".repeat(64)) instanceof JsonParse.Parsed);
        assertTrue(Json.parse("{\"a\":".repeat(64) + "1" + "}".repeat(64)) instanceof JsonParse.Parsed);
    }

    @Test
    void nestingDeeperThanSixtyFourLevelsIsRefused() {
        JsonParse.Invalid refusal = invalid("[".repeat(65) + "]".repeat(65));
        assertEquals("nested deeper than 64 levels", refusal.message());
        assertEquals(64, refusal.offset());
        assertEquals("$" + "[0]".repeat(64), refusal.path());
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void hugeNestingIsRefusedWithoutOverflowingTheStack(int depth) {
        assertEquals("nested deeper than 64 levels", invalid("[{\"a\":".repeat(depth)).message());
    }
}
