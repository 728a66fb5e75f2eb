package dev.hookline.domain.event.json;

import static dev.hookline.domain.event.json.JsonTestSupport.canonical;
import static dev.hookline.domain.event.json.JsonTestSupport.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "0, 0", "-0, 0", "-0.0, 0", "0e10, 0", "7, 7", "-42, -42", "100, 100", "1.5, 1.5", "1.0, 1",
            "1E2, 100", "1e+2, 100", "1.50, 1.5", "0.1, 0.1", "-0.5, -0.5", "123456789012345, 123456789012345",
            "9007199254740991, 9007199254740991", "9007199254740992, 9007199254740992",
            "1e21, 1e+21", "1e20, 100000000000000000000", "123e18, 123000000000000000000",
            "1.5e21, 1.5e+21", "1e-6, 0.000001", "1e-7, 1e-7", "1.5e-7, 1.5e-7", "123e-20, 1.23e-18",
            "0.000123, 0.000123", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
            "2.2250738585072014e-308, 2.2250738585072014e-308",
            "0.30000000000000004, 0.30000000000000004", "12.34, 12.34", "1999.99, 1999.99",
            "100.000, 100", "0.0000010, 0.000001", "2e-7, 2e-7", "1e100, 1e+100",
    })
    void numbersAreWrittenLikeJavaScriptNumberToString(String literal, String expected) {
        assertEquals(expected, canonical(literal));
    }

    @Test
    void shortestDigitsAreUsedWhereJdk17DoubleToStringIsLonger() {
        // JDK 17 (JDK-4511638) writes these as 2.82879384806159008E17, 9.999999999999999E22,
        // 1.9999999999999998E23, 8.409999999999999E21 and 4.9E-324.
        assertEquals("282879384806159000", new JsonNumber(2.82879384806159E17).canonical());
        assertEquals("1e+23", new JsonNumber(1.0E23).canonical());
        assertEquals("2e+23", new JsonNumber(2.0E23).canonical());
        assertEquals("8.41e+21", new JsonNumber(8.41E21).canonical());
        assertEquals("5e-324", new JsonNumber(Double.MIN_VALUE).canonical());
        assertEquals("1.18575755e-316", new JsonNumber(1.18575755E-316).canonical());
    }

    @Test
    void negativeZeroIsStoredAsZero() {
        assertEquals(new JsonNumber(0), new JsonNumber(-0.0));
        assertEquals("0", new JsonNumber(-0.0).canonical());
    }

    @Test
    void numbersMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> new JsonNumber(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new JsonNumber(Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890", "0.30000000000000000001", "9007199254740993", "1e400",
            "-1e400", "1e-400", "4e-324", "4.9406564584124654e-324", "18446744073709551616", "0.1000000000000000055511151231257827",
            "1.00000000000000000000000000000000000000000000000000000000000000000001"})
    void numbersThatJsonParseWouldChangeAreRefused(String literal) {
        JsonParse.Invalid refusal = invalid("{\"data\":{\"amount\":" + literal + "}}");
        assertEquals("$.data.amount", refusal.path());
        assertEquals(18, refusal.offset());
        assertTrue(refusal.message().startsWith("number " + literal.substring(0, Math.min(40, literal.length()))
                + (literal.length() > 40 ? "…" : "") + " cannot be represented exactly as a JSON.parse double"),
                refusal.message());
        assertTrue(refusal.message().endsWith("; send it as a string"), refusal.message());
    }

    @Test
    void refusalSaysWhatJsonParseWouldMakeOfTheNumber() {
        assertEquals("number 12345678901234567890 cannot be represented exactly as a JSON.parse double"
                        + " (it would become 12345678901234567000); send it as a string",
                invalid("12345678901234567890").message());
        assertEquals("number 1e400 cannot be represented exactly as a JSON.parse double"
                        + " (it would become Infinity, which JSON.stringify writes as null); send it as a string",
                invalid("1e400").message());
    }

    @Test
    void zeroWithAHugeExponentIsStillZero() {
        assertEquals("0", canonical("0e99999999999999999999"));
        assertEquals("0", canonical("-0.000e-99999999999999999999"));
    }

    @Test
    void literalsThatOnlyChangeSpellingAreKeptForRandomDoubles() {
        SplittableRandom random = new SplittableRandom(20260115);
        for (int i = 0; i < 5_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            String text = new JsonNumber(value).canonical();
            assertEquals(text, canonical(text), "re-reading " + text);
            assertEquals(value == 0 ? 0.0 : value, Double.parseDouble(text), "value of " + text);
            String plain = new BigDecimal(text).toPlainString();
            if (plain.length() < 400) {
                assertEquals(text, canonical(plain), "re-reading " + plain);
            }
        }
    }

    @Test
    void canonicalDigitsAreTheShortestThatReadBack() {
        SplittableRandom random = new SplittableRandom(4511638);
        for (int i = 0; i < 5_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            JsNumbers.Decimal shortest = JsNumbers.shortest(value);
            BigDecimal exact = new BigDecimal(value);
            int fewer = shortest.digits().length() - 1;
            assertEquals(value, Double.parseDouble("0." + shortest.digits() + "e" + shortest.n()));
            if (fewer > 0) {
                double down = Double.parseDouble(exact.round(new MathContext(fewer, RoundingMode.DOWN)).toString());
                double up = Double.parseDouble(exact.round(new MathContext(fewer, RoundingMode.UP)).toString());
                assertFalse(down == value || up == value, () -> value + " has a form shorter than " + shortest);
            }
        }
    }

    @Test
    void plainIntegersAreTheirDigits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong(-(1L << 53), 1L << 53);
            assertEquals(Long.toString(n), canonical(Long.toString(n)));
        }
    }
}
