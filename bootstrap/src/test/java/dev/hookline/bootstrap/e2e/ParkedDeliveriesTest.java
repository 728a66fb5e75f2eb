package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import dev.hookline.domain.event.json.JsonArray;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries claimed beyond their endpoint's concurrency wait in the dispatcher's memory; an
 * endpoint disabled meanwhile gets none of them (before, every one was still sent). A backlog
 * queued while an endpoint was disabled goes out oldest first once it is enabled.
 */
class ParkedDeliveriesTest {

    private static TestHookline hookline;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new TestReceiver();
        // the due sweep at its production interval: every 100 ms (the tests' default) it would wake
        // the dispatcher to claim, and hide whether a publish does
        hookline = TestHookline.start(Map.of("hookline.delivery.max-in-flight-per-endpoint", 1,
                "hookline.scheduling.sweep-interval", "1s"));
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
        receiver.script("/parked", r -> Answer.status(503));
        for (int i = 0; i < 4; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_parked_" + i + "\"}");
        }
        await("all four failed", Duration.ofSeconds(20), () -> receiver.received("/parked").size() == 12
                && ((JsonArray) TestHookline.get(hookline.ok(200, "GET", "/v1/webhooks/" + wh[0]
                        + "/deliveries?status=failed", acc[1], null), "data")).elements().size() == 4);
        // recovered together (due at the same moment): one claim takes all four, one is sent (the
        // endpoint takes one at a time) and three wait in memory
        receiver.script("/parked", r -> new Answer(200, Map.of(), "slow", Duration.ofMillis(2500)));
        hookline.ok(202, "POST", "/v1/webhooks/" + wh[0] + "/recover", acc[1],
                "{\"since\":\"" + Instant.now().minusSeconds(3600) + "\"}");
        await("the first one is being sent", Duration.ofSeconds(10), () -> receiver.received("/parked").size() == 13);
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        Thread.sleep(4_000); // the first answers after 2.5 s: its slot frees while the endpoint is disabled
        assertEquals(13, receiver.received("/parked").size(), "nothing sent after the endpoint was disabled");

        receiver.script("/parked", r -> Answer.ok());
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("the other three once enabled again", Duration.ofSeconds(15), () -> receiver.received("/parked").size() == 16);
        Thread.sleep(500);
        List<TestReceiver.Received> recovered = receiver.received("/parked").subList(12, 16);
        assertEquals(4, recovered.stream().map(r -> r.header("webhook-id")).distinct().count(), "each event once");
        assertTrue(receiver.received("/parked").stream().allMatch(TestReceiver.Received::standardSignatureValid));
    }

    @Test
    void aBacklogQueuedWhileDisabledIsSentInPublishOrderOnceEnabled() throws InterruptedException {
        String[] acc = hookline.newAccount("In Order Ltd");
        String[] wh = hookline.newWebhook(acc[1], receiver.url("/in-order"), "[\"*\"]");
        receiver.secret("/in-order", wh[1]);
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            published.add("\"inv_order_" + i + "\"");
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_order_" + i + "\"}");
            Thread.sleep(2); // ids order by millisecond
        }
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("all 30 delivered", Duration.ofSeconds(20), () -> receiver.received("/in-order").size() == 30);
        List<String> order = receiver.received("/in-order").stream()
                .map(r -> r.body().replaceAll(".*\"id\":(\"inv_order_\\d+\").*", "$1")).toList();
        assertEquals(published, order, "one at a time (the endpoint's concurrency is 1), oldest first");
    }

    /**
     * While an endpoint has no free slot, a publish for it alone does not make the dispatcher
     * claim (the claim would leave that endpoint out and find nothing), but a publish for another
     * endpoint does, at once: it is not left for the dispatcher's next look a second later.
     */
    @Test
    void whileOneEndpointIsBusyAPublishForAnotherIsSentAtOnce() throws InterruptedException {
        String[] acc = hookline.newAccount("Busy And Idle Ltd");
        String[] busy = hookline.newWebhook(acc[1], receiver.url("/busy-one"), "[\"invoice.*\"]");
        String[] idle = hookline.newWebhook(acc[1], receiver.url("/idle-one"), "[\"customer.*\"]");
        receiver.secret("/busy-one", busy[1]);
        receiver.secret("/idle-one", idle[1]);
        receiver.script("/busy-one", r -> new Answer(200, Map.of(), "slow", Duration.ofMillis(3000)));
        for (int i = 0; i < 3; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_busy_" + i + "\"}");
        }
        await("the busy endpoint's first is being sent", Duration.ofSeconds(10),
                () -> receiver.received("/busy-one").size() == 1);
        for (int i = 3; i < 6; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_busy_" + i + "\"}");
            Thread.sleep(50);
        }
        // a claim comes anyway within a second (the dispatcher's own look, the due sweep): six in a
        // row, each well under that, are not luck
        for (int i = 0; i < 6; i++) {
            Instant published = Instant.now();
            hookline.publish(acc[0], "customer.created", "{\"id\":\"cus_idle_" + i + "\"}");
            int n = i + 1;
            await("the other endpoint's delivery", Duration.ofSeconds(5),
                    () -> receiver.received("/idle-one").size() == n);
            long took = Duration.between(published, receiver.received("/idle-one").get(i).at()).toMillis();
            assertTrue(took < 400, "the other endpoint's delivery took " + took + " ms (the next look is 1 s away)");
            Thread.sleep(150);
        }
        receiver.script("/busy-one", r -> Answer.ok());
        await("the busy endpoint's six, each once", Duration.ofSeconds(20),
                () -> receiver.received("/busy-one").stream().map(r -> r.header("webhook-id")).distinct().count() == 6);
        assertTrue(receiver.received("/busy-one").stream().allMatch(TestReceiver.Received::standardSignatureValid));
        assertTrue(receiver.received("/idle-one").stream().allMatch(TestReceiver.Received::standardSignatureValid));
    }
}
