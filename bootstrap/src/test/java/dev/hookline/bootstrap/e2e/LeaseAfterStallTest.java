package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database stall longer than the lease (every pool connection taken) while a retry comes due:
 * a publish meanwhile is answered 503 once the pool gives up waiting, and the retry is sent once. An outside audit saw deliveries sent twice by one node after PostgreSQL
 * outages: the claim computed its lease before waiting for a connection, so a wait longer than the
 * lease wrote a lease that had already run out, and the next claim took the delivery again while
 * it was being sent. This test does not reproduce that timing on the old code (there the stale
 * claim time also kept the retry, not yet due then, out of that claim); it checks the stall path
 * end to end. The fix: the lease starts inside the claim's transaction, and a delivery whose lease
 * would end before its attempt could is not sent.
 */
class LeaseAfterStallTest {

    private static final int POOL = 4;
    private static TestHookline hookline;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new TestReceiver();
        hookline = TestHookline.start(Map.of("datasources.default.maximum-pool-size", POOL,
                "datasources.default.minimum-idle", POOL, "hookline.delivery.retry-schedule", "2s",
                "hookline.delivery.lease", "4s", "hookline.delivery.timeout", "2s",
                "datasources.default.connection-timeout", 1500));
    }

    @AfterAll
    static void stop() {
        hookline.close();
        receiver.close();
    }

    @Test
    void aClaimThatWaitedForAConnectionLongerThanTheLeaseSendsOnce() throws Exception {
        String[] acc = hookline.newAccount("Stalled Ltd");
        String[] wh = hookline.newWebhook(acc[1], receiver.url("/stalled"), "[\"*\"]");
        receiver.secret("/stalled", wh[1]);
        receiver.sequence("/stalled", 500);
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_stall\"}");
        await("the first attempt", Duration.ofSeconds(10), () -> receiver.received("/stalled").size() == 1);
        // the retry answers slowly, so that a second claim of it would come while it is in flight
        receiver.script("/stalled", r -> new Answer(200, Map.of(), "ok", Duration.ofMillis(1800)));
        Thread.sleep(300); // its attempt recorded: RETRYING, due in 2 s

        // every connection of the pool taken for 8 s: the retry comes due meanwhile, and the
        // dispatcher waits for a connection for longer than its 4 s lease
        DataSource pool = DelegatingDataSource.unwrapDataSource(hookline.context.getBean(DataSource.class));
        java.time.Instant stalledFrom = java.time.Instant.now();
        List<Connection> taken = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            taken.add(pool.getConnection());
        }
        // meanwhile a publish waits for a connection as long as the pool's connection-timeout,
        // then is told to come back (it was a 500, after the pool's default 30 s)
        long asked = System.nanoTime();
        var answer = hookline.call("POST", "/v1/events", TestHookline.OPERATOR_KEY, "{\"account_id\":\"" + acc[0]
                + "\",\"type\":\"invoice.paid\",\"data\":{\"id\":\"inv_during_stall\"}}");
        long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("5", answer.headers().firstValue("retry-after").orElse(null));
        assertTrue(answer.body().contains("\"service_unavailable\""), answer.body());
        assertTrue(waitedMillis < 5_000, "answered after " + waitedMillis + " ms");
        Thread.sleep(8_000);
        for (Connection c : taken) {
            c.close();
        }
        java.time.Instant stalledTo = java.time.Instant.now();
        await("the retry", Duration.ofSeconds(10), () -> receiver.received("/stalled").size() >= 2);
        Thread.sleep(5_000); // past the retry's lease and answer: a second claim would have sent it again
        assertEquals(2, receiver.received("/stalled").size(), "the first attempt and one retry; stalled from "
                + stalledFrom + " to " + stalledTo + ", received at "
                + receiver.received("/stalled").stream().map(r -> r.at().toString()).toList());
    }
}
