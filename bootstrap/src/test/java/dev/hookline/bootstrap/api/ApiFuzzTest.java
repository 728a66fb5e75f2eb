package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.OPERATOR_KEY;
import static dev.hookline.bootstrap.api.ApiServer.assertError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.api.ApiServer.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbage to every POST and PATCH: random bytes, truncated JSON, huge numbers, deep nesting,
 * every field with every wrong type. The answer is always a 2xx (when the garbage happens to be
 * valid) or a 4xx in the error shape; never a 5xx, never a stack trace.
 */
class ApiFuzzTest {

    private static final long SEED = Long.getLong("hookline.fuzz.seed", 20261126L);
    private static ApiServer api;
    private static String account;
    private static String key;
    private static String webhook;

    @BeforeAll
    static void start() throws IOException {
        api = ApiServer.start();
        String[] acc = api.newAccount("Fuzz");
        account = acc[0];
        key = acc[1];
        webhook = api.newWebhook(key, "/ok/fuzz", "[\"*\"]")[0];
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private record Route(String method, String path, String apiKey, String validBody) {
    }

    private static List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/accounts", OPERATOR_KEY,
                        "{\"name\":\"Fuzzed\",\"owner_email\":\"f@fuzz.example\",\"owner_password\":\"long-password-1\"}"),
                new Route("POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\"" + account
                        + "\",\"type\":\"payment.succeeded\",\"data\":{\"id\":\"pay_1\"},\"previous_data\":{\"a\":1},"
                        + "\"entities\":{\"c\":\"cus_1\"}}"),
                new Route("POST", "/v1/event-types", OPERATOR_KEY,
                        "{\"name\":\"fuzz.created\",\"category\":\"Fuzz\",\"description\":\"d\",\"sample\":{\"a\":1}}"),
                new Route("POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/fuzzed")
                        + "\",\"events\":[\"payment.*\"],\"description\":\"d\",\"rate_limit\":5}"),
                new Route("PATCH", "/v1/webhooks/" + webhook, key,
                        "{\"description\":\"d\",\"enabled\":true,\"events\":[\"*\"],\"rate_limit\":0}"),
                new Route("POST", "/v1/webhooks/test", key,
                        "{\"webhook_id\":\"" + webhook + "\",\"event_type\":\"payment.succeeded\"}"),
                new Route("POST", "/v1/webhooks/" + webhook + "/recover", key, "{\"since\":\"2026-01-01T00:00:00Z\"}"),
                new Route("POST", "/v1/webhooks/" + webhook + "/rotate-secret", key, "{}"),
                new Route("POST", "/v1/deliveries/dlv_01KB0000000000000000000000/retry", key, "{}"),
                new Route("POST", "/v1/api-keys", key, "{\"name\":\"k\"}"));
    }

    @Test
    void garbageNeverGetsA5xx() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Route route : routes()) {
            for (byte[] body : bodies(route.validBody(), random)) {
                Answer answer = api.send(route.method(), route.path(), route.apiKey(), body, "application/json");
                calls++;
                String what = route.method() + " " + route.path() + " with "
                        + abbreviate(new String(body, StandardCharsets.UTF_8));
                if (answer.status() >= 500 || answer.status() < 200 || (answer.status() >= 300 && answer.status() < 400)) {
                    failures.add(what + " -> " + abbreviate(answer.toString()));
                } else if (answer.status() >= 400) {
                    try {
                        assertError(answer.status(), answer, what);
                    } catch (AssertionError e) {
                        failures.add(e.getMessage());
                    }
                }
            }
        }
        assertTrue(calls > 500, "fuzzed " + calls + " bodies");
        assertTrue(failures.isEmpty(), "seed " + SEED + ": " + failures.size() + " bad answers, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    private static List<byte[]> bodies(String valid, Random random) {
        List<String> texts = new ArrayList<>();
        // truncated at every few characters
        for (int i = 0; i < valid.length(); i += 1 + random.nextInt(4)) {
            texts.add(valid.substring(0, i));
        }
        // each field's value replaced by each wrong type
        List<String> values = List.of("1", "-1", "0", "1.5", "1e999", "-1e999", "1e-400", "123456789012345678901234567890",
                "true", "false", "null", "[]", "{}", "\"\"", "\" \"", "\"x\"", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}",
                "\"\\ud800\"", "\"" + "z".repeat(70_000) + "\"", "\"<script>alert(1)</script>\"", "\"\\u0000\"");
        for (String field : fields(valid)) {
            for (String value : values) {
                texts.add(replaceValue(valid, field, value));
            }
        }
        texts.add(valid.replaceFirst("\\{", "{\"unknown_field\":1,"));
        texts.add(valid.substring(0, valid.length() - 1) + ",}");
        texts.add(valid + valid);
        texts.add(valid.replace("\"", "'"));
        texts.add("[" + valid + "]");
        texts.add("\"" + valid + "\"");
        texts.add("[".repeat(10_000) + "]".repeat(10_000));
        texts.add("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
        texts.add(valid.replaceFirst("\\{", "{\"data\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + ","));
        texts.add("{\"name\":1e99999999999}");
        texts.add("{\"a\":1,\"a\":2}");
        texts.add("  ");
        texts.add("null");
        texts.add("NaN");
        List<byte[]> bodies = new ArrayList<>();
        for (String text : texts) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 15; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            bodies.add(bytes);
        }
        byte[] mutated = valid.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 15; i++) {
            byte[] copy = mutated.clone();
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            bodies.add(copy);
        }
        return bodies;
    }

    /** The top-level field names of a flat-ish JSON object text. */
    private static List<String> fields(String json) {
        List<String> fields = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[{,]\"([a-z_]+)\":").matcher(json);
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    private static String replaceValue(String json, String field, String value) {
        return json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|\\{[^}]*\\}|[^,}]+)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s;
    }
}
