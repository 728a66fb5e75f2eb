package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Deliveries.Filter;
import dev.hookline.application.port.out.Deliveries.HeldClaim;
import dev.hookline.application.port.out.EndpointTallies.Hour;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveriesTest extends DatabaseTest {

    private static final Instant NOW = T0.plusSeconds(20);
    private static final Instant LEASE = NOW.plusSeconds(60);

    /** A delivery in any status, with the fields that status requires. */
    private static Delivery in(DeliveryStatus status, Endpoint endpoint, Event event, Instant createdAt) {
        Instant next = status.isDue() ? createdAt.plusSeconds(5) : null;
        Instant lease = status == DeliveryStatus.SENDING ? createdAt.plusSeconds(60) : null;
        int attempts = status == DeliveryStatus.PENDING ? 0 : 2;
        Integer code = attempts == 0 ? null : 503;
        return new Delivery(DeliveryId.generate(), endpoint.accountId(), event.id(), endpoint.id(), event.type(), status,
                attempts, 6, next, lease, code, AttemptTrigger.MANUAL, createdAt, createdAt.plusSeconds(1));
    }

    private String dueAt(Delivery d) {
        return rawColumn("SELECT due_at FROM deliveries WHERE id = ?", d.id().value());
    }

    private Instant dueAtInstant(Delivery d) {
        return jdbc.withConnection(c -> {
            try (var ps = c.prepareStatement("SELECT due_at FROM deliveries WHERE id = ?")) {
                ps.setString(1, d.id().value());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return Jdbc.getInstant(rs, "due_at");
                }
            }
        });
    }

    private List<Delivery> claim(Instant now, Instant lease, int limit, EndpointId... excluded) {
        return tx.inTransaction(() -> deliveries.claimDue(now, lease, limit, List.of(excluded)));
    }

    private static List<DeliveryId> ids(List<Delivery> list) {
        return list.stream().map(Delivery::id).toList();
    }

    @Test
    void roundTripsADeliveryInEveryStatusAndKeepsTheDueQueueColumn() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Event event = newEvent(account);
            Delivery delivery = in(status, endpoint, event, T0);
            deliveries.addAll(List.of(delivery));
            assertEquals(Optional.of(delivery), deliveries.find(account, delivery.id()), status.name());
            Instant expectedDue = status.isDue() ? delivery.nextAttemptAt()
                    : status == DeliveryStatus.SENDING ? delivery.leaseUntil() : null;
            assertEquals(expectedDue, dueAtInstant(delivery), status.name());
        }
    }

    @Test
    void aDeliveryOfAnotherAccountIsNotFound() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        Endpoint endpoint = newEndpoint(a);
        Delivery delivery = pending(endpoint, newEvent(a), T0);
        deliveries.addAll(List.of(delivery));
        assertEquals(Optional.empty(), deliveries.find(b, delivery.id()));
        assertEquals(List.of(), deliveries.ofEndpoint(b, endpoint.id(), Filter.any(), PageRequest.first(10)).items());
    }

    @Test
    void claimsOnlyDueDeliveriesOldestDueFirst() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Delivery dueSecond = pending(endpoint, newEvent(account), T0.plusSeconds(10));
        Delivery dueFirst = pending(endpoint, newEvent(account), T0.plusSeconds(5));
        Delivery notYetDue = pending(endpoint, newEvent(account), NOW.plusSeconds(1));
        Delivery held = in(DeliveryStatus.HELD, endpoint, newEvent(account), T0);
        Delivery failed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        Delivery retrying = in(DeliveryStatus.RETRYING, endpoint, newEvent(account), T0.plusSeconds(7)); // due +12
        deliveries.addAll(List.of(dueSecond, dueFirst, notYetDue, held, failed, retrying));

        List<Delivery> claimed = claim(NOW, LEASE, 10);
        assertEquals(List.of(dueFirst.id(), dueSecond.id(), retrying.id()), ids(claimed));
        assertEquals(dueFirst.claim(NOW, LEASE), claimed.get(0));
        assertEquals(retrying.claim(NOW, LEASE), claimed.get(2));
        assertEquals(LEASE, dueAtInstant(dueFirst));
        assertEquals(List.of(), claim(NOW, LEASE, 10), "claimed rows are not due again while leased");
    }

    @Test
    void claimsTheMostRecentlyDueFirstWhenAskedSoAndNeverTheSameTwice() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Endpoint excluded = newEndpoint(account);
        Delivery oldest = pending(endpoint, newEvent(account), T0.plusSeconds(1));
        Delivery middle = pending(endpoint, newEvent(account), T0.plusSeconds(5));
        Delivery newest = pending(endpoint, newEvent(account), T0.plusSeconds(9));
        Delivery newestButExcluded = pending(excluded, newEvent(account), T0.plusSeconds(10));
        Delivery notYetDue = pending(endpoint, newEvent(account), NOW.plusSeconds(1));
        deliveries.addAll(List.of(oldest, middle, newest, newestButExcluded, notYetDue));

        List<Delivery> claimed = tx.inTransaction(() -> {
            List<Delivery> both = new ArrayList<>(deliveries.claimNewestDue(NOW, LEASE, 2, List.of(excluded.id())));
            both.addAll(deliveries.claimDue(NOW, LEASE, 10, List.of(excluded.id())));
            return both;
        });
        assertEquals(List.of(newest.id(), middle.id(), oldest.id()), ids(claimed));
        assertEquals(newest.claim(NOW, LEASE), claimed.get(0));
        assertEquals(List.of(newestButExcluded.id()), ids(tx.inTransaction(
                () -> deliveries.claimNewestDue(NOW, LEASE, 10, List.of()))));
    }

    @Test
    void respectsTheLimitAndTheExcludedEndpoints() {
        AccountId account = newAccount();
        Endpoint busy = newEndpoint(account);
        Endpoint idle = newEndpoint(account);
        List<Delivery> toIdle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Event event = newEvent(account);
            deliveries.addAll(List.of(pending(busy, event, T0.plusSeconds(i))));
            Delivery d = pending(idle, event, T0.plusSeconds(10 + i));
            toIdle.add(d);
            deliveries.addAll(List.of(d));
        }
        assertEquals(List.of(toIdle.get(0).id(), toIdle.get(1).id()), ids(claim(NOW, LEASE, 2, busy.id())));
        assertEquals(2, claim(NOW, LEASE, 2).size());
        assertEquals(2, claim(NOW, LEASE, 5).size());
    }

    @Test
    void reclaimsSendingDeliveriesWhoseLeaseExpired() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Delivery delivery = pending(endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(delivery));
        Delivery claimed = claim(NOW, LEASE, 10).get(0);

        assertEquals(List.of(), claim(LEASE.minusMillis(1), LEASE.plusSeconds(60), 10));
        List<Delivery> again = claim(LEASE, LEASE.plusSeconds(60), 10);
        assertEquals(List.of(claimed.claim(LEASE, LEASE.plusSeconds(60))), again);
    }

    @Test
    void concurrentClaimersNeverGetTheSameDeliveryAndTogetherGetThemAll() throws Exception {
        AccountId account = newAccount();
        List<Endpoint> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            targets.add(newEndpoint(account));
        }
        List<Delivery> all = new ArrayList<>();
        for (int e = 0; e < 100; e++) {
            Event event = newEvent(account);
            for (Endpoint endpoint : targets) {
                all.add(pending(endpoint, event, T0.plusMillis(e)));
            }
        }
        tx.run(() -> deliveries.addAll(all));
        Instant farLease = NOW.plus(Duration.ofHours(1));

        ConcurrentLinkedQueue<DeliveryId> claimedIds = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    while (true) {
                        List<Delivery> batch = claim(NOW, farLease, 50);
                        batch.forEach(d -> claimedIds.add(d.id()));
                        if (batch.isEmpty() && deliveries.nextDueAt().map(NOW::isBefore).orElse(true)) {
                            return null;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[%s] 4 claimers took 2,000 deliveries in batches of 50: %.0f claims/s%n",
                jdbc.database(), 2000 / seconds);
        List<DeliveryId> list = new ArrayList<>(claimedIds);
        assertEquals(list.size(), new HashSet<>(list).size(), "a delivery was claimed twice");
        assertEquals(Set.copyOf(ids(all)), Set.copyOf(list));
        assertEquals(2000, count("SELECT COUNT(*) FROM deliveries WHERE status = 'SENDING'"));
    }

    @Test
    void completeAllUpdatesOnlyDeliveriesStillSending() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        deliveries.addAll(List.of(pending(endpoint, newEvent(account), T0), pending(endpoint, newEvent(account), T0)));
        List<Delivery> claimed = claim(NOW, LEASE, 10);
        Delivery a = claimed.get(0);
        Delivery b = claimed.get(1);
        Instant later = NOW.plusSeconds(2);

        assertEquals(1, tx.inTransaction(() -> deliveries.completeAll(List.of(b.succeeded(200, later)))));
        Delivery retrying = a.retryAt(later.plusSeconds(60), 500, later);
        assertEquals(1, tx.inTransaction(() -> deliveries.completeAll(List.of(b.failed(500, later), retrying))));

        assertEquals(b.succeeded(200, later), deliveries.find(account, b.id()).orElseThrow());
        assertEquals(retrying, deliveries.find(account, a.id()).orElseThrow());
        assertEquals(later.plusSeconds(60), dueAtInstant(a));
        assertNull(dueAt(b));
        assertEquals(0, deliveries.completeAll(List.of()));
    }

    @Test
    void updateIsACompareAndSetOnTheStatus() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Delivery failed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(failed));
        Delivery retried = failed.retryManually(NOW);

        assertFalse(deliveries.update(retried, DeliveryStatus.EXPIRED));
        assertTrue(deliveries.update(retried, DeliveryStatus.FAILED));
        assertFalse(deliveries.update(retried, DeliveryStatus.FAILED));
        assertEquals(retried, deliveries.find(account, failed.id()).orElseThrow());
        assertEquals(NOW, dueAtInstant(failed));
    }

    @Test
    void holdWaitingHoldsWaitingDeliveriesAndClaimHeldTakesThemStraightFromTheHold() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Endpoint other = newEndpoint(account);
        Event event = newEvent(account);
        Delivery pending = in(DeliveryStatus.PENDING, endpoint, newEvent(account), T0);
        Delivery retrying = in(DeliveryStatus.RETRYING, endpoint, newEvent(account), T0);
        Delivery sending = in(DeliveryStatus.SENDING, endpoint, newEvent(account), T0);
        Delivery failed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        Delivery elsewhere = pending(other, event, T0);
        deliveries.addAll(List.of(pending, retrying, sending, failed, elsewhere));

        assertEquals(List.of(pending.id(), retrying.id()).stream().sorted().toList(),
                deliveries.holdWaiting(endpoint.id(), null, NOW, 10));
        assertEquals(pending.hold(NOW), deliveries.find(account, pending.id()).orElseThrow());
        assertEquals(retrying.hold(NOW), deliveries.find(account, retrying.id()).orElseThrow());
        assertNull(dueAt(pending));
        assertEquals(DeliveryStatus.SENDING, deliveries.find(account, sending.id()).orElseThrow().status());
        assertEquals(DeliveryStatus.PENDING, deliveries.find(account, elsewhere.id()).orElseThrow().status());

        assertTrue(claim(NOW.plusSeconds(3600), LEASE, 10).stream()
                .noneMatch(d -> d.id().equals(pending.id()) || d.id().equals(retrying.id())), "held ones are never due");

        Instant later = NOW.plusSeconds(30);
        Instant lease = later.plusSeconds(60);
        List<Delivery> claimed = tx.inTransaction(() -> deliveries.claimHeld(List.of(new HeldClaim(endpoint.id(), null, 10),
                new HeldClaim(other.id(), null, 10)), later, lease));
        List<Delivery> expected = new ArrayList<>(List.of(pending.hold(NOW).claimHeld(later, lease),
                retrying.hold(NOW).claimHeld(later, lease)));
        expected.sort(Comparator.comparing(Delivery::id));
        assertEquals(expected, claimed, "in id order");
        assertEquals(expected.get(0), deliveries.find(account, expected.get(0).id()).orElseThrow());
        assertEquals(lease, dueAtInstant(retrying), "claimable again when its lease runs out");
        assertEquals(List.of(), tx.inTransaction(() -> deliveries.claimHeld(List.of(new HeldClaim(endpoint.id(), null, 10)),
                later, lease)));
    }

    @Test
    void holdsAndClaimsMoreThanAThousandDeliveriesInOneCall() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        List<Delivery> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(in(DeliveryStatus.PENDING, endpoint, newEvent(account), T0));
        }
        deliveries.addAll(many);
        assertEquals(1_001, tx.inTransaction(() -> deliveries.holdWaiting(endpoint.id(), null, NOW, 5_000)).size());
        assertEquals(Map.of(DeliveryStatus.HELD, 1_001L), countByStatus(endpoint.id()));
        Instant later = NOW.plusSeconds(30);
        assertEquals(1_001, claimHeld(endpoint, null, later, 5_000).size());
        assertEquals(Map.of(DeliveryStatus.SENDING, 1_001L), countByStatus(endpoint.id()));
        assertEquals(later.plusSeconds(60), dueAtInstant(many.get(1_000)));
    }

    @Test
    void claimHeldClaimsAtMostTheLimitInIdOrderAndGoesOnAfterTheLastId() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Endpoint other = newEndpoint(account);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            held.add(in(DeliveryStatus.HELD, endpoint, newEvent(account), T0));
        }
        held.add(in(DeliveryStatus.HELD, other, newEvent(account), T0));
        deliveries.addAll(held);
        List<DeliveryId> ids = held.subList(0, 7).stream().map(Delivery::id).sorted().toList();
        Instant later = NOW.plusSeconds(30);
        assertEquals(Optional.of(ids.get(0)), deliveries.firstHeld(endpoint.id(), null));
        assertEquals(ids.subList(0, 3), claimHeld(endpoint, null, later, 3));
        assertEquals(Map.of(DeliveryStatus.SENDING, 3L, DeliveryStatus.HELD, 4L), countByStatus(endpoint.id()));
        assertEquals(Optional.of(ids.get(3)), deliveries.firstHeld(endpoint.id(), ids.get(1)));
        assertEquals(Optional.of(ids.get(3)), deliveries.firstHeld(endpoint.id(), ids.get(3)), "from, not after");
        assertEquals(ids.subList(3, 6), claimHeld(endpoint, ids.get(2), later, 3));
        // held again behind the cursor: the next call does not go back for it, a call from the start does
        deliveries.completeAll(List.of(deliveries.find(account, ids.get(1)).orElseThrow().hold(later)));
        assertEquals(ids.subList(6, 7), claimHeld(endpoint, ids.get(5), later, 3));
        assertEquals(List.of(), claimHeld(endpoint, ids.get(6), later, 3));
        assertEquals(Optional.empty(), deliveries.firstHeld(endpoint.id(), ids.get(2)));
        assertEquals(Optional.of(ids.get(1)), deliveries.firstHeld(endpoint.id(), null));
        assertEquals(ids.subList(1, 2), claimHeld(endpoint, null, later, 10));
        assertEquals(Map.of(DeliveryStatus.SENDING, 7L), countByStatus(endpoint.id()));
        assertEquals(Map.of(DeliveryStatus.HELD, 1L), countByStatus(other.id()), "another endpoint's stay held");
        assertEquals(Optional.empty(), deliveries.firstHeld(endpoint.id(), null));
    }

    @Test
    void twoClaimersOfTheSameHeldDeliveriesNeverTakeTheSameOne() throws Exception {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            held.add(in(DeliveryStatus.HELD, endpoint, newEvent(account), T0));
        }
        deliveries.addAll(held);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DeliveryId>>> claimers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimers.add(pool.submit(() -> {
                    List<DeliveryId> mine = new ArrayList<>();
                    DeliveryId after = null;
                    for (int round = 0; round < 40; round++) {
                        List<DeliveryId> got = claimHeld(endpoint, after, NOW, 10);
                        mine.addAll(got);
                        after = got.isEmpty() ? null : got.get(got.size() - 1);
                    }
                    return mine;
                }));
            }
            Set<DeliveryId> all = new HashSet<>();
            int total = 0;
            for (Future<List<DeliveryId>> claimer : claimers) {
                List<DeliveryId> mine = claimer.get(60, TimeUnit.SECONDS);
                total += mine.size();
                all.addAll(mine);
            }
            assertEquals(400, total, "every held delivery claimed once");
            assertEquals(400, all.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<DeliveryId> claimHeld(Endpoint endpoint, DeliveryId after, Instant now, int limit) {
        return tx.inTransaction(() -> deliveries.claimHeld(List.of(new HeldClaim(endpoint.id(), after, limit)), now,
                now.plusSeconds(60))).stream().map(Delivery::id).toList();
    }

    @Test
    void claimHeldTakesEachEndpointsShareFromItsOwnCursorInOneCall() {
        AccountId account = newAccount();
        Endpoint a = newEndpoint(account);
        Endpoint b = newEndpoint(account);
        Endpoint c = newEndpoint(account);
        List<Delivery> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (Endpoint e : List.of(a, b, c)) {
                held.add(in(DeliveryStatus.HELD, e, newEvent(account), T0));
            }
        }
        deliveries.addAll(held);
        List<DeliveryId> ofA = ids(held, a);
        List<DeliveryId> ofB = ids(held, b);
        List<Delivery> claimed = tx.inTransaction(() -> deliveries.claimHeld(List.of(
                new HeldClaim(a.id(), ofA.get(1), 2), new HeldClaim(b.id(), null, 4), new HeldClaim(c.id(), null, 0)),
                NOW, NOW.plusSeconds(60)));
        List<DeliveryId> expected = new ArrayList<>();
        if (a.id().value().compareTo(b.id().value()) < 0) {
            expected.addAll(ofA.subList(2, 4));
            expected.addAll(ofB.subList(0, 4));
        } else {
            expected.addAll(ofB.subList(0, 4));
            expected.addAll(ofA.subList(2, 4));
        }
        assertEquals(expected, claimed.stream().map(Delivery::id).toList(), "by endpoint, then id");
        assertTrue(claimed.stream().allMatch(d -> d.status() == DeliveryStatus.SENDING));
        assertEquals(Map.of(DeliveryStatus.HELD, 5L), countByStatus(c.id()), "a limit of 0 takes none");
        assertEquals(Map.of(DeliveryStatus.HELD, 3L, DeliveryStatus.SENDING, 2L), countByStatus(a.id()));
    }

    private static List<DeliveryId> ids(List<Delivery> deliveries, Endpoint of) {
        return deliveries.stream().filter(d -> d.endpointId().equals(of.id())).map(Delivery::id).sorted().toList();
    }

    @Test
    void countHeldCountsEachEndpointsHeldDeliveries() {
        AccountId account = newAccount();
        Endpoint a = newEndpoint(account);
        Endpoint b = newEndpoint(account);
        Endpoint none = newEndpoint(account);
        deliveries.addAll(List.of(in(DeliveryStatus.HELD, a, newEvent(account), T0),
                in(DeliveryStatus.HELD, a, newEvent(account), T0), in(DeliveryStatus.PENDING, a, newEvent(account), T0),
                in(DeliveryStatus.HELD, b, newEvent(account), T0), in(DeliveryStatus.FAILED, none, newEvent(account), T0)));
        assertEquals(Map.of(a.id(), 2L, b.id(), 1L), deliveries.countHeld(List.of(a.id(), b.id(), none.id())));
        assertEquals(Map.of(b.id(), 1L), deliveries.countHeld(List.of(b.id())));
        assertEquals(Map.of(), deliveries.countHeld(List.of()));
    }

    @Test
    void holdWaitingHoldsAtMostTheLimitInIdOrderAndGoesOnAfterTheLastId() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        List<Delivery> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(in(i % 2 == 0 ? DeliveryStatus.PENDING : DeliveryStatus.RETRYING, endpoint, newEvent(account), T0));
        }
        Delivery sending = in(DeliveryStatus.SENDING, endpoint, newEvent(account), T0);
        deliveries.addAll(waiting);
        deliveries.addAll(List.of(sending));
        List<DeliveryId> ids = waiting.stream().map(Delivery::id).sorted().toList();
        assertEquals(ids.subList(0, 2), deliveries.holdWaiting(endpoint.id(), null, NOW, 2));
        assertEquals(ids.subList(2, 4), deliveries.holdWaiting(endpoint.id(), ids.get(1), NOW, 2));
        assertEquals(ids.subList(4, 5), deliveries.holdWaiting(endpoint.id(), ids.get(3), NOW, 2));
        assertEquals(List.of(), deliveries.holdWaiting(endpoint.id(), null, NOW, 2));
        assertEquals(Map.of(DeliveryStatus.HELD, 5L, DeliveryStatus.SENDING, 1L), countByStatus(endpoint.id()),
                "a delivery in flight is left to its attempt");
    }

    @Test
    void retryFailedGivesFailedAndExpiredDeliveriesSinceATimeOneMoreManualAttempt() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Instant since = T0.plusSeconds(100);
        Delivery failedBefore = in(DeliveryStatus.FAILED, endpoint, newEvent(account), since.minusMillis(1));
        Delivery failedAt = in(DeliveryStatus.FAILED, endpoint, newEvent(account), since);
        Delivery expired = in(DeliveryStatus.EXPIRED, endpoint, newEvent(account), since.plusSeconds(1));
        Delivery succeeded = in(DeliveryStatus.SUCCEEDED, endpoint, newEvent(account), since.plusSeconds(1));
        Event testEvent = newEvent(account, since, true);
        Delivery failedTest = in(DeliveryStatus.FAILED, endpoint, testEvent, since.plusSeconds(1));
        deliveries.addAll(List.of(failedBefore, failedAt, expired, succeeded, failedTest));
        Instant now = since.plusSeconds(3600);

        assertEquals(2, deliveries.retryFailed(endpoint.id(), since, now));
        assertEquals(failedTest, deliveries.find(account, failedTest.id()).orElseThrow(), "a test event's is left alone");
        assertEquals(failedAt.retryManually(now), deliveries.find(account, failedAt.id()).orElseThrow());
        assertEquals(expired.retryManually(now), deliveries.find(account, expired.id()).orElseThrow());
        assertEquals(now, dueAtInstant(expired));
        assertEquals(failedBefore, deliveries.find(account, failedBefore.id()).orElseThrow());
        assertEquals(succeeded, deliveries.find(account, succeeded.id()).orElseThrow());
    }

    @Test
    void countedFailuresAreInTheHourOfEachFailedDeliverysLastAttempt() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Endpoint other = newEndpoint(account);
        Instant since = T0.plusSeconds(100);
        long h = DeliveryTally.epochHour(since);
        Delivery failed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), since);
        Delivery failedLater = in(DeliveryStatus.FAILED, endpoint, newEvent(account), since.plusSeconds(1));
        Delivery failedBefore = in(DeliveryStatus.FAILED, endpoint, newEvent(account), since.minusSeconds(1));
        Delivery expired = in(DeliveryStatus.EXPIRED, endpoint, newEvent(account), since.plusSeconds(1));
        Delivery elsewhere = in(DeliveryStatus.FAILED, other, newEvent(account), since.plusSeconds(1));
        Event testEvent = newEvent(account, since, true);
        Delivery failedTest = in(DeliveryStatus.FAILED, endpoint, testEvent, since.plusSeconds(1));
        deliveries.addAll(List.of(failed, failedLater, failedBefore, expired, elsewhere, failedTest));
        // failed: attempts in hours h and h + 2 (its last); failedLater: one in h + 1; the others one in h
        attempts.addAll(List.of(attempt(failed, 1, since), attempt(failed, 2, since.plusSeconds(7200)),
                attempt(failedLater, 1, since.plusSeconds(3600)), attempt(failedBefore, 1, since),
                attempt(expired, 1, since), attempt(elsewhere, 1, since), attempt(failedTest, 1, since)));

        assertEquals(Map.of(new Hour(endpoint.id(), h + 2), 1L, new Hour(endpoint.id(), h + 1), 1L),
                deliveries.countedFailures(endpoint.id(), since),
                "created since; not the expired one (never counted failed), another endpoint's or a test event's");
        assertEquals(Map.of(new Hour(endpoint.id(), h + 2), 1L), deliveries.countedFailure(failed.id()));
        assertEquals(Map.of(), deliveries.countedFailure(expired.id()));
        assertEquals(Map.of(), deliveries.countedFailure(failedTest.id()));
    }

    private static Attempt attempt(Delivery delivery, int number, Instant startedAt) {
        return new Attempt(AttemptId.generate(), delivery.id(), number, AttemptTrigger.SCHEDULED, startedAt,
                Duration.ofMillis(5), Map.of(), new AttemptOutcome.Response(500, Map.of(), "no", false));
    }

    @Test
    void expireHeldExpiresOldHeldDeliveriesInBatches() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Instant cutoff = T0.plus(Duration.ofDays(30));
        List<Delivery> old = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(in(DeliveryStatus.HELD, endpoint, newEvent(account), T0.plusSeconds(i)));
        }
        Delivery recent = in(DeliveryStatus.HELD, endpoint, newEvent(account), cutoff);
        Delivery oldPending = in(DeliveryStatus.PENDING, endpoint, newEvent(account), T0);
        deliveries.addAll(old);
        deliveries.addAll(List.of(recent, oldPending));
        Instant now = cutoff.plusSeconds(1);

        assertEquals(2, deliveries.expireHeld(cutoff, now, 2));
        assertEquals(old.get(0).expire(now), deliveries.find(account, old.get(0).id()).orElseThrow());
        assertEquals(1, deliveries.expireHeld(cutoff, now, 2));
        assertEquals(0, deliveries.expireHeld(cutoff, now, 2));
        assertEquals(DeliveryStatus.HELD, deliveries.find(account, recent.id()).orElseThrow().status());
        assertEquals(DeliveryStatus.PENDING, deliveries.find(account, oldPending.id()).orElseThrow().status());
    }

    @Test
    void purgeDeletesOldFinishedDeliveriesWithTheirAttemptsInBatches() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Instant cutoff = T0.plus(Duration.ofDays(30));
        Delivery succeeded = in(DeliveryStatus.SUCCEEDED, endpoint, newEvent(account), T0);
        Delivery failed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        Delivery expired = in(DeliveryStatus.EXPIRED, endpoint, newEvent(account), T0);
        Delivery oldHeld = in(DeliveryStatus.HELD, endpoint, newEvent(account), T0);
        Delivery oldRetrying = in(DeliveryStatus.RETRYING, endpoint, newEvent(account), T0);
        Delivery recent = in(DeliveryStatus.SUCCEEDED, endpoint, newEvent(account), cutoff);
        deliveries.addAll(List.of(succeeded, failed, expired, oldHeld, oldRetrying, recent));
        attempts.addAll(List.of(new Attempt(AttemptId.generate(), succeeded.id(), 1, AttemptTrigger.SCHEDULED, T0,
                Duration.ofMillis(12), Map.of(), new AttemptOutcome.Response(200, Map.of(), "ok", false))));

        Instant expiredCutoff = T0; // expired after a retention period of holding: kept for another one
        assertEquals(2, deliveries.purge(cutoff, expiredCutoff, 5));
        assertEquals(0, deliveries.purge(cutoff, expiredCutoff, 5));
        assertEquals(0, count("SELECT COUNT(*) FROM attempts"));
        assertEquals(Set.of(expired.id(), oldHeld.id(), oldRetrying.id(), recent.id()), Set.copyOf(ids(
                deliveries.ofEndpoint(account, endpoint.id(), Filter.any(), PageRequest.first(10)).items())));
        // in batches: the limit counts both kinds
        Delivery olderExpired = in(DeliveryStatus.EXPIRED, endpoint, newEvent(account), T0.minusSeconds(60));
        Delivery oldFailed = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(olderExpired, oldFailed));
        assertEquals(1, deliveries.purge(cutoff, expiredCutoff, 1));
        assertEquals(1, deliveries.purge(cutoff, expiredCutoff, 1));
        assertEquals(0, deliveries.purge(cutoff, expiredCutoff, 1));
        assertEquals(1, deliveries.purge(cutoff, T0.plusSeconds(1), 5), "the expired one, a retention period later");
        assertEquals(Set.of(oldHeld.id(), oldRetrying.id(), recent.id()), Set.copyOf(ids(
                deliveries.ofEndpoint(account, endpoint.id(), Filter.any(), PageRequest.first(10)).items())));
    }

    @Test
    void nextDueAtIsTheEarliestDueOrLeaseTime() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        assertEquals(Optional.empty(), deliveries.nextDueAt());
        deliveries.addAll(List.of(in(DeliveryStatus.HELD, endpoint, newEvent(account), T0),
                in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0)));
        assertEquals(Optional.empty(), deliveries.nextDueAt());
        Delivery pending = in(DeliveryStatus.PENDING, endpoint, newEvent(account), T0); // due T0 + 5 s
        Delivery sending = in(DeliveryStatus.SENDING, endpoint, newEvent(account), T0.minusSeconds(58)); // lease T0 + 2 s
        deliveries.addAll(List.of(pending, sending));
        assertEquals(Optional.of(T0.plusSeconds(2)), deliveries.nextDueAt());
    }

    @Test
    void pagesTheDeliveryLogNewestFirstWithAStableCursorWhileNewDeliveriesArrive() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        List<Delivery> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Delivery d = pending(endpoint, newEvent(account), T0);
            written.add(d);
            deliveries.addAll(List.of(d));
        }
        List<DeliveryId> newestFirst = new ArrayList<>(ids(written));
        Collections.reverse(newestFirst);

        Page<Delivery> first = deliveries.ofEndpoint(account, endpoint.id(), Filter.any(), PageRequest.first(10));
        assertEquals(newestFirst.subList(0, 10), ids(first.items()));
        assertEquals(Optional.of(newestFirst.get(9).value()), first.nextCursor());

        deliveries.addAll(List.of(pending(endpoint, newEvent(account), T0))); // arrives between pages

        Page<Delivery> second = deliveries.ofEndpoint(account, endpoint.id(), Filter.any(),
                new PageRequest(first.nextCursor().get(), 10));
        assertEquals(newestFirst.subList(10, 20), ids(second.items()));
        Page<Delivery> third = deliveries.ofEndpoint(account, endpoint.id(), Filter.any(),
                new PageRequest(second.nextCursor().get(), 10));
        assertEquals(newestFirst.subList(20, 25), ids(third.items()));
        assertEquals(Optional.empty(), third.nextCursor());
    }

    @Test
    void filtersTheDeliveryLogByStatusAndEventType() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Event invoice = new Event(EventId.generate(), account, new EventTypeName("invoice.paid"), T0, "{}",
                Optional.empty(), Optional.empty(), Optional.empty(), false);
        events.add(invoice);
        Delivery failedPayment = in(DeliveryStatus.FAILED, endpoint, newEvent(account), T0);
        Delivery failedInvoice = in(DeliveryStatus.FAILED, endpoint, invoice, T0);
        Delivery okPayment = in(DeliveryStatus.SUCCEEDED, endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(failedPayment, failedInvoice, okPayment));

        assertEquals(List.of(failedInvoice.id(), failedPayment.id()), ids(deliveries.ofEndpoint(account, endpoint.id(),
                new Filter(DeliveryStatus.FAILED, null), PageRequest.first(10)).items()));
        assertEquals(List.of(failedPayment.id()), ids(deliveries.ofEndpoint(account, endpoint.id(),
                new Filter(DeliveryStatus.FAILED, PAYMENT_SUCCEEDED), PageRequest.first(10)).items()));
        assertEquals(List.of(okPayment.id(), failedPayment.id()), ids(deliveries.ofEndpoint(account, endpoint.id(),
                new Filter(null, PAYMENT_SUCCEEDED), PageRequest.first(10)).items()));
    }

    @Test
    void existingTellsWhichDeliveriesAreLeftAfterTheirEndpointWasDeleted() {
        AccountId account = newAccount();
        Endpoint kept = newEndpoint(account);
        Endpoint deleted = newEndpoint(account);
        Delivery stays = pending(kept, newEvent(account), T0);
        Delivery goes = pending(deleted, newEvent(account), T0);
        deliveries.addAll(List.of(stays, goes));
        assertEquals(Set.of(stays.id(), goes.id()), deliveries.existing(List.of(stays.id(), goes.id(), stays.id())));
        assertEquals(true, endpoints.delete(account, deleted.id(), T0));
        endpoints.purgeDeleted(deleted.id());
        assertEquals(Set.of(stays.id()), deliveries.existing(List.of(stays.id(), goes.id())));
        assertEquals(Set.of(), deliveries.existing(List.of()));
    }

    @Test
    void countOfEventCountsTheEventsDeliveriesToEveryEndpoint() {
        AccountId account = newAccount();
        Endpoint first = newEndpoint(account);
        Endpoint second = newEndpoint(account);
        Event event = newEvent(account);
        Event other = newEvent(account);
        deliveries.addAll(List.of(pending(first, event, T0), pending(second, event, T0), pending(first, other, T0)));
        assertEquals(2, deliveries.countOfEvent(event.id()));
        assertEquals(1, deliveries.countOfEvent(other.id()));
        assertEquals(0, deliveries.countOfEvent(newEvent(account).id()));
    }
}
