package dev.hookline.domain.event.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Asks real JavaScript (node) what {@code JSON.stringify(JSON.parse(text))} and
 * {@code String(number)} give, in one node process per test.
 */
class JavaScriptCrossCheckTest {

    private static final String NODE_SCRIPT = """
            const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(l => l.length > 0);
            const out = lines.map(line => {
              const [mode, data] = line.split(' ');
              const text = Buffer.from(data || '', 'base64').toString('utf8');
              try {
                const result = mode === 'N' ? String(Number(text)) : JSON.stringify(JSON.parse(text));
                return 'OK ' + Buffer.from(result, 'utf8').toString('base64');
              } catch (e) {
                return 'ERR';
              }
            });
            process.stdout.write(out.join('\\n') + '\\n');
            """;

    static final List<String> DOCUMENTS = List.of(
            "{\"b\":1,\"a\":2,\"10\":3,\"2\":4}",
            "{\"1\":\"a\",\"x\":0,\"0\":\"c\"}",
            "{\"4294967294\":1,\"4294967295\":2,\"01\":3,\"-1\":4,\"0\":5,\"1.0\":6,\" 7\":7}",
            "{\"z\":1,\"y\":{\"3\":1,\"1\":2,\"b\":3,\"a\":4}}",
            "\"\\ud800\"",
            "[\"\\udc00\\ud800x\", \"a\\uDBFFb\", \"\\ud800\\udc00\"]",
            "\"\\ud83d\\ude00 emoji 😀 👩‍💻🇪🇸\"",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001F\\u000b\\u007f\\u0080\\u2028\\u2029\"",
            "\"\\u0041\\u00e9\\u6771\\u4EAC\"",
            "[1e21, 1e-7, 123e-20, 0.1, 5e-324, 1.7976931348623157e308, 100, 1.5]",
            "[-0, 0.0, -0.0, 1.0, 1E2, 1e+2, 1.50, 1e20, 1e+21, 1.5e21, 0e5]",
            "[0.000001, 0.0000001, 1e-6, 12e-7, 1234567.125, 1e15, 1e16, 1e17, 123456789012345680000]",
            "[9007199254740991, -9007199254740991, 9007199254740992, 4503599627370495.5]",
            "[0.30000000000000004, 2e-7, 1.5e-7, 3.14159, -273.15, 6.02214076e23, 1.602176634e-19]",
            "[2.2250738585072014e-308, -1.7976931348623157e308, 1e-323, 2.5e-323]",
            "[8.41e21, 2e23, 1e23, 282879384806159000, 1.18575755e-316]",
            "{\"\":\"empty key\",\"__proto__\":{\"x\":1},\"constructor\":null}",
            " \r\n\t{ \"a\" :\n[ 1 ,\tnull ] , \"b\" : { } } \n",
            "{\"key with \\\" quote\":{\"nested \\\\ key\":[]},\"slash\":\"\\/\\/ a/b\"}",
            "[true,false,null,[],{},[[]],{\"a\":{}}]",
            "{\"a\":[{\"b\":[{\"c\":\"d\"}]}]}",
            "[".repeat(64) + "]".repeat(64),
            "{\"name\":\"Zoë Ñúñez 東京\",\"note\":\"Ä\\u00c4\",\"tab\":\"a\\tb\"}",
            "{\"amount\":129900,\"currency\":\"usd\",\"metadata\":{},\"refunded\":false}",
            "12.34",
            "\"\"",
            "null",
            "{\"data\":{\"object\":{\"id\":\"ch_1\",\"amount\":2000,\"fee\":59.5,\"tags\":[\"a\",\"b\"],\"10\":\"x\",\"9\":\"y\"}}}",
            BillingPayloadsTest.INVOICE_PAID);

    static final List<String> NOT_JSON = List.of(
            "", " ", "[1,]", "{\"a\":1,}", "01", "-01", "+1", ".5", "1.", "1e", "-", "NaN", "Infinity", "-Infinity",
            "'a'", "{'a':1}", "\"\t\"", "\"\u0001\"", "\"\\x\"", "\"\\u12\"", "[1] x", "{}{}", "/*c*/1", "[1]//c",
            "\uFEFF{}", "\u00A0{}", "{1:2}", "[1 2]", "tru", "undefined", "\"abc");

    @Test
    void canonicalTextIsWhatJavaScriptsStringifyOfParseWrites() throws Exception {
        List<String> fromNode = runNode(DOCUMENTS.stream().map(text -> "D " + base64(text)).toList());
        for (int i = 0; i < DOCUMENTS.size(); i++) {
            String text = DOCUMENTS.get(i);
            assertEquals(fromNode.get(i), JsonTestSupport.canonical(text), () -> "for " + text);
        }
    }

    @Test
    void textJavaScriptRefusesIsRefusedToo() throws Exception {
        List<String> fromNode = runNode(NOT_JSON.stream().map(text -> "D " + base64(text)).toList());
        for (int i = 0; i < NOT_JSON.size(); i++) {
            String text = NOT_JSON.get(i);
            assertEquals(null, fromNode.get(i), () -> "node accepted " + text);
            assertInstanceOf(JsonParse.Invalid.class, Json.parse(text), () -> "we accepted " + text);
        }
    }

    @Test
    void numbersAreWrittenAsJavaScriptsStringOfNumber() throws Exception {
        SplittableRandom random = new SplittableRandom(2019);
        List<Double> values = new ArrayList<>();
        while (values.size() < 3_000) {
            double value = switch (values.size() % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextLong(-10_000_000, 10_000_000) / Math.pow(10, random.nextInt(12));
                default -> random.nextDouble() * Math.pow(10, random.nextInt(-330, 310));
            };
            if (Double.isFinite(value)) {
                values.add(value);
            }
        }
        List<String> fromNode = runNode(values.stream().map(value -> "N " + base64(Double.toString(value))).toList());
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            assertEquals(fromNode.get(i), new JsonNumber(value).canonical(), () -> "for " + value);
            String canonical = fromNode.get(i);
            assertEquals(canonical, JsonTestSupport.canonical(canonical), () -> "re-reading " + canonical);
        }
    }

    @Test
    void numbersWeRefuseAreOnesJavaScriptWouldChange() throws Exception {
        List<String> refused = List.of("12345678901234567890", "0.30000000000000000001", "9007199254740993", "1e400",
                "1e-400", "4e-324", "18446744073709551616", "0.1000000000000000055511151231257827");
        List<String> fromNode = runNode(refused.stream().map(text -> "D " + base64(text)).toList());
        for (int i = 0; i < refused.size(); i++) {
            String literal = refused.get(i);
            String written = fromNode.get(i);
            assertInstanceOf(JsonParse.Invalid.class, Json.parse(literal), () -> "we accepted " + literal);
            assertTrue(written.equals("null") || new BigDecimal(written).compareTo(new BigDecimal(literal)) != 0,
                    () -> "JavaScript keeps " + literal + " as " + written);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Node's answer per input line, null where JavaScript threw. */
    private static List<String> runNode(List<String> lines) throws IOException, InterruptedException {
        String node = node();
        Assumptions.assumeTrue(node != null, "node is not installed");
        Path output = Files.createTempFile("hookline-json-node", ".txt");
        try {
            Process process = new ProcessBuilder(node, "-e", NODE_SCRIPT)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, process.exitValue(), "node exit status");
            List<String> answers = new ArrayList<>();
            for (String answer : Files.readAllLines(output, StandardCharsets.US_ASCII)) {
                answers.add(answer.equals("ERR") ? null
                        : new String(Base64.getDecoder().decode(answer.substring(3)), StandardCharsets.UTF_8));
            }
            assertEquals(lines.size(), answers.size(), "answers from node");
            return answers;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String node() {
        for (String candidate : List.of("node", "/usr/bin/node", "/usr/local/bin/node")) {
            try {
                Process process = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
