package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** 10,000 deliveries drain on H2 without errors (speed is the benchmark's business, not this test's). */
class DrainTest {

    @Test
    void tenThousandDeliveriesDrainOnH2WithoutErrors() throws Exception {
        try (TestReceiver receiver = new TestReceiver(); TestHookline hookline = TestHookline.start()) {
            String[] acc = hookline.newAccount("Volume Ltd");
            for (int e = 0; e < 10; e++) {
                String path = "/drain/" + e;
                String[] wh = hookline.newWebhook(acc[1], receiver.url(path), "[\"*\"]");
                receiver.secret(path, wh[1]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    int n = i;
                    sent.add(pool.submit(() -> hookline.publish(acc[0], "payment.succeeded",
                            "{\"id\":\"pay_" + n + "\",\"amount\":" + n + "}")));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            await("10,000 deliveries arrived", Duration.ofSeconds(120), () -> receiver.all().size() >= 10_000);
            List<Received> all = receiver.all();
            assertTrue(all.stream().allMatch(Received::standardSignatureValid), "every signature verifies");
            Set<String> distinct = all.stream().map(r -> r.path() + r.header("webhook-id")).collect(Collectors.toSet());
            assertEquals(10_000, distinct.size());
        }
    }
}
