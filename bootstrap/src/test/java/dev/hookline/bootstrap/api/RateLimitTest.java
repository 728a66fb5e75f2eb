package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.OPERATOR_KEY;
import static dev.hookline.bootstrap.api.ApiServer.assertError;
import static dev.hookline.bootstrap.api.ApiServer.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.api.ApiServer.Answer;
import dev.hookline.domain.event.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code hookline.api.rate-limit}: per merchant key, 429 with Retry-After past it. */
class RateLimitTest {

    private static ApiServer api;

    @BeforeAll
    static void start() throws IOException {
        api = ApiServer.start(Map.of("hookline.api.rate-limit", 5));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterAndOtherKeysAreUnaffected() throws InterruptedException {
        String[] a = api.newAccount("Busy");
        String[] b = api.newAccount("Calm");
        Answer limited = null;
        int ok = 0;
        for (int i = 0; i < 30 && limited == null; i++) {
            Answer answer = api.call("GET", "/v1/webhooks", a[1], null);
            if (answer.status() == 429) {
                limited = answer;
            } else {
                assertEquals(200, answer.status(), answer::toString);
                ok++;
            }
        }
        assertTrue(limited != null, "30 quick requests with a limit of 5/s were all let through");
        assertTrue(ok >= 5, "the first second's worth went through: " + ok);
        JsonObject error = assertError(429, limited, "over the limit");
        assertEquals("rate_limited", str(error, "type"));
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);

        assertEquals(200, api.call("GET", "/v1/webhooks", b[1], null).status(), "another key has its own budget");
        for (int i = 0; i < 20; i++) {
            assertEquals(202, api.call("POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\"" + a[0]
                    + "\",\"type\":\"invoice.paid\",\"data\":{}}").status(), "the operator key is not limited");
        }
        Thread.sleep(retryAfter * 1000);
        assertEquals(200, api.call("GET", "/v1/webhooks", a[1], null).status(), "after Retry-After it works again");
    }
}
