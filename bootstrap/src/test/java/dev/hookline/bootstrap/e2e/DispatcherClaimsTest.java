package dev.hookline.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * At moderate load every delivery should cost one claim transaction: a claim that found fewer
 * deliveries than it asked for must not be followed at once by another (empty) one, and recording
 * an attempt must not wake the claimer when it was not short of slots. Before that, one event
 * published alone cost three claim passes, two of them empty. A Hookline of its own, so no other
 * test's retries wake the dispatcher meanwhile.
 */
class DispatcherClaimsTest {

    @Test
    void eventsPublishedOneAtATimeCostAboutOneClaimPassEach() throws Exception {
        try (TestReceiver receiver = new TestReceiver(); TestHookline hookline = TestHookline.start(Map.of())) {
            String[] acc = hookline.newAccount("Claims Ltd");
            String[] wh = hookline.newWebhook(acc[1], receiver.url("/claims"), "[\"*\"]");
            receiver.secret("/claims", wh[1]);
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_warm\"}");
            TestHookline.await("the first event", Duration.ofSeconds(10), () -> receiver.received("/claims").size() == 1);

            ClaimCounter counter = hookline.context.getBean(ClaimCounter.class);
            int events = 20;
            int before = counter.passes();
            for (int i = 0; i < events; i++) {
                hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_" + i + "\"}");
                int expected = i + 2;
                TestHookline.await("event " + i, Duration.ofSeconds(10), () -> receiver.received("/claims").size() == expected);
            }
            Thread.sleep(300); // a follow-up claim, if any, happens now
            int passes = counter.passes() - before;
            assertEquals(events + 1, receiver.received("/claims").size());
            // one pass per event, plus the dispatcher's idle poll (once a second) while the test runs;
            // three per event before the change
            assertTrue(passes >= events && passes <= events + events / 2 + 5,
                    passes + " claim passes for " + events + " events published one at a time");
        }
    }
}
