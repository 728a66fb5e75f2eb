package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static dev.hookline.bootstrap.e2e.TestHookline.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A merchant who fixed the receiver need not wait an hour for the next scheduled retry. */
class RetryNowTest {

    private static TestHookline hookline;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new TestReceiver();
        hookline = TestHookline.start(Map.of("hookline.delivery.retry-schedule", "1h,2h"));
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    @Test
    void aRetryingDeliveryIsSentAgainNowByHandAndKeepsItsScheduledAttempts() {
        String[] acc = hookline.newAccount("Fixed It Ltd");
        String[] wh = hookline.newWebhook(acc[1], receiver.url("/fixed"), "[\"*\"]");
        receiver.secret("/fixed", wh[1]);
        receiver.sequence("/fixed", 500);
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_fix\"}");

        await("the first attempt failed and the delivery waits an hour", Duration.ofSeconds(10),
                () -> "retrying".equals(status(acc[1], wh[0])));
        String id = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        JsonObject retried = hookline.ok(202, "POST", "/v1/deliveries/" + id + "/retry", acc[1], null);
        assertEquals("manual", str(retried, "trigger"));

        await("sent again now and delivered", Duration.ofSeconds(10), () -> "succeeded".equals(status(acc[1], wh[0])));
        assertEquals(2, receiver.received("/fixed").size());
        assertTrue(receiver.received("/fixed").stream().allMatch(TestReceiver.Received::standardSignatureValid));
        List<JsonValue> log = ((JsonArray) TestHookline.get(
                hookline.ok(200, "GET", "/v1/deliveries/" + id, acc[1], null), "attempt_log")).elements();
        assertEquals(2, log.size());
        assertEquals("manual", str((JsonObject) log.get(1), "trigger"), log.toString());
    }

    private static List<JsonValue> deliveries(String key, String webhookId) {
        return ((JsonArray) TestHookline.get(hookline.ok(200, "GET", "/v1/webhooks/" + webhookId + "/deliveries",
                key, null), "data")).elements();
    }

    private static String status(String key, String webhookId) {
        List<JsonValue> list = deliveries(key, webhookId);
        return list.isEmpty() ? "none" : str((JsonObject) list.get(0), "status");
    }
}
