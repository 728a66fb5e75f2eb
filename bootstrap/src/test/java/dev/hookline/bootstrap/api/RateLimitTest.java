package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.OPERATOR_KEY;
import static dev.hookline.bootstrap.api.ApiServer.assertError;
import static dev.hookline.bootstrap.api.ApiServer.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.api.ApiServer.Answer;
import dev.hookline.domain.event.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        // 40 requests at once: far more than 5 in the same second, whatever the machine's speed
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Answer> answers;
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> api.call("GET", "/v1/webhooks", a[1], null)));
            }
            answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        long ok = answers.stream().filter(r -> r.status() == 200).count();
        Answer limited = answers.stream().filter(r -> r.status() == 429).findFirst().orElse(null);
        assertEquals(40, ok + answers.stream().filter(r -> r.status() == 429).count(), answers::toString);
        assertTrue(limited != null, "40 requests at once with a limit of 5/s were all let through");
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
