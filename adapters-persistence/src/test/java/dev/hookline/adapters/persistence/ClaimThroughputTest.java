package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Measures the dispatcher's database work: insert, claim and complete in batches, over a table
 * that already holds finished history. Opt-in: {@code -Dhookline.bench=true}.
 */
class ClaimThroughputTest extends DatabaseTest {

    private static final int HISTORY = 50_000;
    private static final int DUE = 20_000;
    private static final int BATCH = 100;

    @Test
    void claimsAndCompletesDeliveriesInBatches() {
        Assumptions.assumeTrue(Boolean.getBoolean("hookline.bench"), "set -Dhookline.bench=true to measure");
        AccountId account = newAccount();
        List<Endpoint> targets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            targets.add(newEndpoint(account));
        }
        Instant now = T0.plus(Duration.ofDays(1));
        // finished history: SUCCEEDED rows are off the due queue
        insert(account, targets, HISTORY / targets.size(), T0, now, true);

        long started = System.nanoTime();
        insert(account, targets, DUE / targets.size(), T0, now, false);
        double insertSeconds = (System.nanoTime() - started) / 1e9;

        started = System.nanoTime();
        int done = 0;
        while (true) {
            List<Delivery> batch = tx.inTransaction(() -> deliveries.claimDue(now, now.plusSeconds(60), BATCH, List.of()));
            if (batch.isEmpty()) {
                break;
            }
            List<Delivery> finished = batch.stream().map(d -> d.succeeded(200, now)).toList();
            done += tx.inTransaction(() -> deliveries.completeAll(finished));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(DUE, done);
        System.out.printf("[%s] publish %d deliveries (an event each for %d endpoints, 100 deliveries per batch):"
                        + " %.0f deliveries/s; claim+complete beside %d finished rows, 1 claimer, batches of %d:"
                        + " %.0f deliveries/s%n", jdbc.database(), DUE, targets.size(), DUE / insertSeconds, HISTORY,
                BATCH, DUE / seconds);
    }

    private void insert(AccountId account, List<Endpoint> targets, int eventsCount, Instant t0, Instant now,
                        boolean finished) {
        List<Delivery> pending = new ArrayList<>();
        for (int e = 0; e < eventsCount; e++) {
            Event event = newEvent(account, t0);
            for (Endpoint endpoint : targets) {
                Delivery d = pending(endpoint, event, t0.plusMillis(e));
                if (finished) {
                    d = d.claim(now, now.plusSeconds(1)).succeeded(200, now);
                }
                pending.add(d);
            }
            if (pending.size() >= 100) {
                List<Delivery> chunk = List.copyOf(pending);
                tx.run(() -> deliveries.addAll(chunk));
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            tx.run(() -> deliveries.addAll(pending));
        }
    }
}
