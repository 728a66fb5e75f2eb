package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.adapters.persistence.signal.PostgresDispatchSignal;
import dev.hookline.bootstrap.NodeDispatchSignal;
import dev.hookline.bootstrap.e2e.TestReceiver.Received;
import dev.hookline.bootstrap.scheduling.HousekeepingJobs;
import dev.hookline.bootstrap.scheduling.QuartzScheduling;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Two Hookline nodes (two application contexts, each with its own server, pool, dispatcher and
 * Quartz) on one PostgreSQL database, as two machines behind a load balancer would run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisabledIfSystemProperty(named = "hookline.skip-postgresql-tests", matches = "true")
class TwoNodesOnPostgresqlTest {

    private static final int EVENTS = 5_000;

    private TestReceiver receiver;
    private TestHookline a;
    private TestHookline b;
    private Instant bStarted;
    private String url;

    @BeforeAll
    void startTwoNodes() throws Exception {
        receiver = new TestReceiver();
        url = TestPostgres.newDatabase();
        Map<String, Object> node = new HashMap<>(TestHookline.postgresql(url));
        // no fault is injected here: a lease far longer than any send, so nothing is taken over, and a
        // timeout no receiver thread of this busy test machine comes near, so nothing is retried
        node.put("hookline.delivery.lease", "60s");
        node.put("hookline.delivery.timeout", "20s");
        node.put("hookline.scheduling.maintenance-interval", "300ms");
        // every node of a cluster needs the same key for the signing secrets (the operator key is shared already)
        node.put("hookline.secret-key", TestHookline.SECRET_KEY);
        a = TestHookline.start(node);
        b = TestHookline.start(node);
        // node b stored the trigger anew at start-up: from here on there is one schedule
        bStarted = Instant.now();
        await("both nodes listen for each other's signals", Duration.ofSeconds(10),
                () -> a.context.getBean(NodeDispatchSignal.class).listening()
                        && b.context.getBean(NodeDispatchSignal.class).listening());
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        receiver.close();
        await("the stopped nodes closed their LISTEN connections", Duration.ofSeconds(5),
                () -> listenerConnections() == 0);
    }

    private long listenerConnections() {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                        + PostgresDispatchSignal.LISTENER_NAME + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fiveThousandEventsPublishedAcrossTwoNodesReachTwoEndpointsExactlyOnceAndBothNodesSend() throws Exception {
        String[] acc = a.newAccount("Cluster Ltd");
        List<String> paths = List.of("/cluster/one", "/cluster/two");
        for (String path : paths) {
            String[] wh = a.newWebhook(acc[1], receiver.url(path), "[\"payment.*\"]");
            receiver.secret(path, wh[1]);
        }
        int takenBeforeA = a.context.getBean(ClaimCounter.class).taken();
        int takenBeforeB = b.context.getBean(ClaimCounter.class).taken();
        long start = System.nanoTime();
        List<String> published = publishOnBothNodes(acc[0], EVENTS, "pay_");
        long publishedMillis = (System.nanoTime() - start) / 1_000_000;
        await("10,000 deliveries arrived", Duration.ofSeconds(60), () -> receiver.all().size() >= 2 * EVENTS);
        long deliveredMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(500); // anything sent twice would arrive now

        List<Received> all = receiver.all();
        assertEquals(2 * EVENTS, all.size(), "no delivery arrived twice");
        assertTrue(all.stream().allMatch(Received::standardSignatureValid), "every signature verifies");
        for (String path : paths) {
            Set<String> ids = all.stream().filter(r -> r.path().equals(path)).map(r -> r.header("webhook-id"))
                    .collect(Collectors.toSet());
            assertEquals(Set.copyOf(published), ids, "every event exactly once at " + path);
        }
        int byA = a.context.getBean(ClaimCounter.class).taken() - takenBeforeA;
        int byB = b.context.getBean(ClaimCounter.class).taken() - takenBeforeB;
        System.out.printf("two nodes: %d events published in %d ms, %d deliveries done after %d ms;"
                + " node a took %d (%d handed over by its publishes), node b took %d (%d)%n", EVENTS, publishedMillis,
                2 * EVENTS, deliveredMillis, byA, a.context.getBean(ClaimCounter.class).handedOver(), byB,
                b.context.getBean(ClaimCounter.class).handedOver());
        // a claim beyond an endpoint's in-flight limit is handed back and claimed again later, so
        // claims may exceed deliveries; what must not happen is a second send, checked above
        assertTrue(byA + byB >= 2 * EVENTS, "every delivery was claimed or handed over: " + (byA + byB));
        assertTrue(byA >= EVENTS / 5 && byB >= EVENTS / 5, "both nodes did a fair part: a " + byA + ", b " + byB);
    }

    /** Publishes {@code events} payment.succeeded events, every other one through each node, 8 at a time; their ids. */
    private List<String> publishOnBothNodes(String account, int events, String paymentPrefix) throws Exception {
        List<String> published = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                TestHookline node = i % 2 == 0 ? a : b;
                int n = i;
                sent.add(pool.submit(() -> TestHookline.str(node.publish(account, "payment.succeeded",
                        "{\"id\":\"" + paymentPrefix + n + "\",\"amount\":" + n + "}"), "id")));
            }
            for (Future<String> f : sent) {
                published.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return published;
    }

    @Test
    void aBacklogHeldWhileDisabledDrainsExactlyOnceWithTwoNodes() throws Exception {
        String[] acc = a.newAccount("Cluster Backlog Ltd");
        String path = "/cluster/backlog";
        String[] wh = a.newWebhook(acc[1], receiver.url(path), "[\"payment.*\"]");
        receiver.secret(path, wh[1]);
        a.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        int events = 3_000;
        Set<String> published = Set.copyOf(publishOnBothNodes(acc[0], events, "pay_held_"));
        Thread.sleep(500);
        assertEquals(0, receiver.received(path).size(), "nothing is sent while disabled");
        int claimedBeforeA = a.context.getBean(ClaimCounter.class).claimed();
        int claimedBeforeB = b.context.getBean(ClaimCounter.class).claimed();
        // enabled through node b: node a learns it from the mark in the database
        b.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await(events + " held deliveries arrived", Duration.ofSeconds(60), () -> receiver.received(path).size() >= events);
        Thread.sleep(500); // anything sent twice would arrive now
        List<Received> arrived = receiver.received(path);
        assertEquals(events, arrived.size(), "no held delivery arrived twice");
        assertEquals(published, arrived.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet()));
        assertTrue(arrived.stream().allMatch(Received::standardSignatureValid), "every signature verifies");
        int byA = a.context.getBean(ClaimCounter.class).claimed() - claimedBeforeA;
        int byB = b.context.getBean(ClaimCounter.class).claimed() - claimedBeforeB;
        System.out.printf("two nodes, held backlog of %d: node a claimed %d, node b claimed %d%n", events, byA, byB);
        assertTrue(byA + byB >= events, "every held delivery was claimed: " + (byA + byB));
    }

    @Test
    void eachHousekeepingFiringRunsOnOneNodeOnly() throws Exception {
        assertTrue(a.context.getBean(QuartzScheduling.class).clustered());
        Thread.sleep(3_000);
        Class<HousekeepingJobs.PurgeExpiredData> job = HousekeepingJobs.PurgeExpiredData.class;
        // every 300 ms on the schedule node b stored when it started
        List<Instant> onA = after(bStarted, a.context.getBean(QuartzScheduling.class).firings(job));
        List<Instant> onB = after(bStarted, b.context.getBean(QuartzScheduling.class).firings(job));
        Set<Instant> both = new HashSet<>(onA);
        both.retainAll(onB);
        assertEquals(Set.of(), both, "no firing ran on both nodes");
        List<Instant> all = new ArrayList<>(onA);
        all.addAll(onB);
        all.sort(Instant::compareTo);
        assertTrue(all.size() >= 8, "the 300 ms job kept firing: " + all.size());
        for (int i = 1; i < all.size(); i++) {
            long gap = Duration.between(all.get(i - 1), all.get(i)).toMillis();
            assertTrue(gap >= 300, "firings " + gap + " ms apart: the job ran on more than one schedule");
        }
        System.out.printf("housekeeping: %d firings of %s, %d on node a, %d on node b%n", all.size(),
                job.getSimpleName(), onA.size(), onB.size());
    }

    private static List<Instant> after(Instant start, List<Instant> firings) {
        return firings.stream().filter(t -> t.isAfter(start)).toList();
    }
}
