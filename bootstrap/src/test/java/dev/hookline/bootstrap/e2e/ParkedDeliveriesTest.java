package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries claimed beyond their endpoint's concurrency wait in the dispatcher's memory; an
 * endpoint disabled meanwhile gets none of them (before, every one was still sent).
 */
class ParkedDeliveriesTest {

    private static TestHookline hookline;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new TestReceiver();
        hookline = TestHookline.start(Map.of("hookline.delivery.max-in-flight-per-endpoint", 1));
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    @Test
    void aParkedDeliveryOfAnEndpointDisabledMeanwhileIsHeldNotSent() throws InterruptedException {
        String[] acc = hookline.newAccount("Parked Ltd");
        String[] wh = hookline.newWebhook(acc[1], receiver.url("/parked"), "[\"*\"]");
        receiver.secret("/parked", wh[1]);
        receiver.script("/parked", r -> new Answer(200, Map.of(), "slow", Duration.ofMillis(2500)));
        // held while disabled, then released together: one claim takes all four, one is sent (the
        // endpoint takes one at a time) and three wait in memory
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        for (int i = 0; i < 4; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_parked_" + i + "\"}");
        }
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("the first one is being sent", Duration.ofSeconds(10), () -> receiver.received("/parked").size() == 1);
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        Thread.sleep(4_000); // the first answers after 2.5 s: its slot frees while the endpoint is disabled
        assertEquals(1, receiver.received("/parked").size(), "nothing sent after the endpoint was disabled");

        receiver.script("/parked", r -> Answer.ok());
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("the other three once enabled again", Duration.ofSeconds(15), () -> receiver.received("/parked").size() == 4);
        Thread.sleep(500);
        assertEquals(4, receiver.received("/parked").stream().map(r -> r.header("webhook-id")).distinct().count(),
                "each event once");
        assertTrue(receiver.received("/parked").stream().allMatch(TestReceiver.Received::standardSignatureValid));
    }
}
