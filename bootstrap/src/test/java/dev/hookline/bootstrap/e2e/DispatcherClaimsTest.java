package dev.hookline.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At moderate load a delivery costs no claim transaction: the publish writes it claimed and hands it
 * to its node's dispatcher, and nothing else makes the dispatcher claim (a claim that found fewer
 * deliveries than it asked for is not followed at once by another, empty one; recording an attempt
 * does not wake the claimer when it was not short of slots). Before session 12 each event cost one
 * claim pass, and before session 3 three, two of them empty. A Hookline of its own, so no other
 * test's retries wake the dispatcher meanwhile.
 */
class DispatcherClaimsTest {

    @Test
    void eventsPublishedOneAtATimeAreHandedOverWithoutAClaim() throws Exception {
        try (TestReceiver receiver = new TestReceiver(); TestHookline hookline = TestHookline.start(Map.of())) {
            String[] acc = hookline.newAccount("Claims Ltd");
            String[] wh = hookline.newWebhook(acc[1], receiver.url("/claims"), "[\"*\"]");
            receiver.secret("/claims", wh[1]);
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_warm\"}");
            TestHookline.await("the first event", Duration.ofSeconds(10), () -> receiver.received("/claims").size() == 1);

            ClaimCounter counter = hookline.context.getBean(ClaimCounter.class);
            int events = 20;
            int passesBefore = counter.passes();
            int handedOverBefore = counter.handedOver();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_" + i + "\"}");
                int expected = i + 2;
                TestHookline.await("event " + i, Duration.ofSeconds(10), () -> receiver.received("/claims").size() == expected);
            }
            Thread.sleep(300); // a follow-up claim, if any, happens now
            long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
            int passes = counter.passes() - passesBefore;
            assertEquals(events + 1, receiver.received("/claims").size());
            // the dispatcher had room for each: written claimed by the publish and handed over
            assertEquals(events, counter.handedOver() - handedOverBefore, "deliveries handed over");
            // so no claim but the dispatcher's idle look (once a second) and the due sweep's (every
            // 100 ms in tests, and only while something is due); one claim pass per event before,
            // three before that
            assertTrue(passes <= 2 * seconds + events / 4,
                    passes + " claim passes for " + events + " events published one at a time in " + seconds + " s");
        }
    }
}
