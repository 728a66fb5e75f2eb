package dev.hookline.adapters.persistence;

import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.endpoint.Subscription;
import static dev.hookline.domain.delivery.DeliveryStatus.FAILED;
import static dev.hookline.domain.delivery.DeliveryStatus.HELD;
import static dev.hookline.domain.delivery.DeliveryStatus.RETRYING;
import static dev.hookline.domain.delivery.DeliveryStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Endpoints.HealthChange;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.EndpointHealth;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndpointsTest extends DatabaseTest {

    private Endpoint everything(AccountId account) {
        EventFilter filter = ((EventFilter.FilterParse.Valid) EventFilter.parse(
                List.of("payment.*", "invoice.paid", "chargeback.opened"))).filter();
        Endpoint endpoint = Endpoint.create(account, "https://hooks.example.com/in?x=1&y=é", "Orders \"prod\"", filter,
                newSecret(), T0);
        return endpoint
                .rotateSecret(newSecret(), T0.plusSeconds(60), Duration.ofHours(24))
                .rotateSecret(newSecret(), T0.plusSeconds(120), Duration.ofHours(24))
                .withRateLimit(25, T0.plusSeconds(130))
                .disable(new Disablement(Disablement.Cause.GONE, "The endpoint answered 410 Gone", T0.plusSeconds(140)));
    }

    private Endpoint withRetryPolicy(Endpoint e, RetryPolicy policy) {
        return new Endpoint(e.id(), e.accountId(), e.url(), e.description(), e.filter(), e.secrets(), e.disablement(),
                e.health(), e.rateLimit(), policy, e.createdAt(), e.updatedAt());
    }

    @Test
    void roundTripsAnEndpointWithRotatedSecretsDisablementRateLimitAndRetryPolicy() {
        AccountId account = newAccount();
        Endpoint endpoint = withRetryPolicy(everything(account),
                new RetryPolicy(List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMillis(1500),
                        Duration.ofDays(1)), 0.2));
        assertEquals(2, endpoint.secrets().previous().size());
        endpoints.add(endpoint);

        assertEquals(Optional.of(endpoint), endpoints.find(account, endpoint.id()));
        assertEquals(Map.of(endpoint.id(), endpoint), endpoints.findAll(List.of(endpoint.id(), endpoint.id())));
        assertEquals(List.of(endpoint), endpoints.ofAccount(account));
        // disabled, filtered, own retry policy: what publishing reads, without the secrets
        assertEquals(List.of(endpoint.subscription()), endpoints.subscriptionsOf(account));
        assertFalse(endpoints.subscriptionsOf(account).get(0).enabled());
    }

    @Test
    void roundTripsAnEmptyRetryScheduleAndTheAllEventsFilter() {
        AccountId account = newAccount();
        Endpoint endpoint = withRetryPolicy(newEndpoint(account), new RetryPolicy(List.of(), 0));
        endpoints.update(endpoint);
        Endpoint found = endpoints.find(account, endpoint.id()).orElseThrow();
        assertEquals(new RetryPolicy(List.of(), 0), found.retryPolicy());
        assertEquals(new EventFilter.AllEvents(), found.filter());
        assertEquals(List.of(found.subscription()), endpoints.subscriptionsOf(account));
        assertTrue(endpoints.subscriptionsOf(account).get(0).enabled());
    }

    @Test
    void storesTheSecretRingEncryptedUnderTheConfiguredKey() {
        AccountId account = newAccount();
        Endpoint endpoint = everything(account);
        endpoints.add(endpoint);

        String raw = rawColumn("SELECT secrets FROM endpoints WHERE id = ?", endpoint.id().value());
        assertTrue(raw.startsWith("v1:"), raw);
        assertFalse(raw.contains("whsec_"), raw);
        assertFalse(raw.contains(endpoint.secrets().current().value().substring(6)), raw);

        SecretCipher sameKey = new SecretCipher(TestDatabase.SECRET_KEY, "unused");
        assertTrue(sameKey.decrypt(raw, endpoint.id().value()).startsWith(endpoint.secrets().current().value() + "|"));
        SecretCipher otherKey = new SecretCipher(new byte[32]);
        assertThrows(IllegalStateException.class, () -> otherKey.decrypt(raw, endpoint.id().value()));
    }

    @Test
    void anEndpointOfAnotherAccountIsNotFoundNorDeleted() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        Endpoint ofA = newEndpoint(a);
        assertEquals(Optional.empty(), endpoints.find(b, ofA.id()));
        assertEquals(List.of(), endpoints.ofAccount(b));
        assertFalse(endpoints.delete(b, ofA.id(), T0));
        assertTrue(endpoints.find(a, ofA.id()).isPresent());
    }

    @Test
    void listsTheAccountsEndpointsNewestFirst() {
        AccountId account = newAccount();
        Endpoint first = newEndpoint(account);
        Endpoint second = newEndpoint(account);
        assertEquals(List.of(second.id(), first.id()), endpoints.ofAccount(account).stream().map(Endpoint::id).toList());
        assertEquals(List.of(second.subscription(), first.subscription()), endpoints.subscriptionsOf(account));
        assertEquals(List.of(), endpoints.subscriptionsOf(newAccount()));
    }

    @Test
    void findAllOfNothingIsEmpty() {
        assertEquals(Map.of(), endpoints.findAll(List.of()));
        assertEquals(Map.of(), endpoints.findAll(List.of(EndpointId.generate())));
    }

    @Test
    void aDeletedEndpointIsGoneForEveryReadAtOnceAndItsDeliveriesAreDeletedInChunksThenItsRow() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Endpoint kept = newEndpoint(account);
        Delivery first = pending(endpoint, newEvent(account), T0);
        deliveries.addAll(List.of(first, pending(endpoint, newEvent(account), T0), pending(kept, newEvent(account), T0)));
        assertTrue(endpoints.delete(account, endpoint.id(), T0.plusSeconds(1)));
        assertFalse(endpoints.delete(account, endpoint.id(), T0.plusSeconds(2)), "deleted already");
        assertEquals(Optional.empty(), endpoints.find(account, endpoint.id()));
        assertEquals(Map.of(), endpoints.findAll(List.of(endpoint.id())));
        assertEquals(List.of(kept.id()), endpoints.ofAccount(account).stream().map(Endpoint::id).toList());
        assertEquals(List.of(kept.id()), endpoints.subscriptionsOf(account).stream().map(Subscription::endpoint).toList());
        assertEquals(Optional.empty(), deliveries.find(account, first.id()), "its deliveries are not shown either");
        assertTrue(endpoints.switched(10).containsKey(endpoint.id()), "marked for the housekeeping job");

        assertEquals(1, deliveries.deleteOfEndpoint(endpoint.id(), null, 1).size());
        assertEquals(1, deliveries.deleteOfEndpoint(endpoint.id(), null, 1).size());
        assertEquals(List.of(), deliveries.deleteOfEndpoint(endpoint.id(), null, 1));
        endpoints.purgeDeleted(endpoint.id());
        endpoints.purgeDeleted(kept.id()); // not deleted: stays
        assertEquals(1, count("SELECT COUNT(*) FROM deliveries"));
        assertEquals(1, count("SELECT COUNT(*) FROM endpoints WHERE account_id = '" + account.value() + "'"));
    }

    @Test
    void updateSavesMerchantChangesButLeavesHealthAlone() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        endpoints.recordHealth(List.of(new HealthChange(endpoint.id(), RETRYING, T0.plusSeconds(1))));

        Endpoint edited = endpoint.edit("https://new.example.com", "new", null, T0.plusSeconds(2))
                .rotateSecret(newSecret(), T0.plusSeconds(2), Duration.ofHours(24))
                .withRateLimit(5, T0.plusSeconds(3));
        endpoints.update(edited); // carries the stale (fresh) health
        Endpoint found = endpoints.find(account, endpoint.id()).orElseThrow();
        assertEquals("https://new.example.com", found.url());
        assertEquals(edited.secrets(), found.secrets());
        assertEquals(5, found.rateLimit());
        assertEquals(T0.plusSeconds(3), found.updatedAt());
        assertEquals(new EndpointHealth(1, T0.plusSeconds(1), false, T0.plusSeconds(1), RETRYING), found.health());
    }

    @Test
    void reEnablingAnEndpointRestartsItsAutoDisableClockAndKeepsWhatItsAttemptsTold() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Instant failedAt = T0.plusSeconds(10);
        endpoints.recordHealth(List.of(new HealthChange(endpoint.id(), FAILED, failedAt)));
        Endpoint disabled = endpoints.find(account, endpoint.id()).orElseThrow()
                .disable(Disablement.byMerchant(T0.plusSeconds(20)));
        endpoints.update(disabled);
        Endpoint stored = endpoints.find(account, endpoint.id()).orElseThrow();
        assertEquals(Disablement.byMerchant(T0.plusSeconds(20)), stored.disablement());
        assertEquals(1, stored.health().consecutiveFailures(), "disabling keeps health");

        endpoints.update(stored.enable(T0.plusSeconds(30)));
        Endpoint enabled = endpoints.find(account, endpoint.id()).orElseThrow();
        assertNull(enabled.disablement());
        assertEquals(new EndpointHealth(1, T0.plusSeconds(30), true, failedAt, FAILED), enabled.health(),
                "failing since the enabling, still exhausted, the latest attempt stays");
        assertEquals(enabled.health(), stored.enable(T0.plusSeconds(30)).health(), "as the domain says");
    }

    @Test
    void recordsHealthChangesInOrder() {
        AccountId account = newAccount();
        Endpoint a = newEndpoint(account);
        Endpoint b = newEndpoint(account);
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        Instant t3 = T0.plusSeconds(3);
        endpoints.recordHealth(List.of(
                new HealthChange(b.id(), RETRYING, t1),
                new HealthChange(a.id(), RETRYING, t1),
                new HealthChange(b.id(), FAILED, t2),
                new HealthChange(a.id(), SUCCEEDED, t2),
                new HealthChange(a.id(), HELD, t3)));

        EndpointHealth expectedA = EndpointHealth.fresh().afterAttempt(RETRYING, t1).afterAttempt(SUCCEEDED, t2)
                .afterAttempt(HELD, t3);
        EndpointHealth expectedB = EndpointHealth.fresh().afterAttempt(RETRYING, t1).afterAttempt(FAILED, t2);
        assertEquals(HELD, expectedA.lastDeliveryStatus());
        assertEquals(FAILED, expectedB.lastDeliveryStatus());
        assertEquals(expectedA, endpoints.find(account, a.id()).orElseThrow().health());
        assertEquals(expectedB, endpoints.find(account, b.id()).orElseThrow().health());
    }

    @Test
    void aBatchOfManyChangesToOneEndpointEndsAsIfAppliedOneByOne() {
        AccountId account = newAccount();
        Endpoint a = newEndpoint(account);
        Endpoint b = newEndpoint(account);
        endpoints.recordHealth(List.of(new HealthChange(a.id(), FAILED, T0), new HealthChange(b.id(), RETRYING, T0)));
        List<HealthChange> batch = new ArrayList<>();
        EndpointHealth expectedA = EndpointHealth.fresh().afterAttempt(FAILED, T0);
        EndpointHealth expectedB = EndpointHealth.fresh().afterAttempt(RETRYING, T0);
        for (int i = 1; i <= 30; i++) {
            Instant at = T0.plusSeconds(i);
            DeliveryStatus toA = i == 7 || i == 12 ? SUCCEEDED : i == 9 ? FAILED : RETRYING;
            batch.add(new HealthChange(a.id(), toA, at));
            expectedA = expectedA.afterAttempt(toA, at);
            DeliveryStatus toB = i == 20 ? FAILED : RETRYING;
            batch.add(new HealthChange(b.id(), toB, at));
            expectedB = expectedB.afterAttempt(toB, at);
        }
        tx.run(() -> endpoints.recordHealth(batch));
        assertEquals(expectedA, endpoints.find(account, a.id()).orElseThrow().health());
        assertEquals(expectedB, endpoints.find(account, b.id()).orElseThrow().health());
        assertEquals(18, endpoints.find(account, a.id()).orElseThrow().health().consecutiveFailures());
    }

    @Test
    void concurrentHealthRecordingLosesNoFailure() throws Exception {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        List<HealthChange> batch = new ArrayList<>();
                        for (int j = 0; j < 5; j++) {
                            batch.add(new HealthChange(endpoint.id(), RETRYING, T0.plusSeconds(i)));
                        }
                        tx.run(() -> endpoints.recordHealth(batch));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        EndpointHealth health = endpoints.find(account, endpoint.id()).orElseThrow().health();
        assertEquals(4 * 50 * 5, health.consecutiveFailures());
        assertEquals(T0, health.failingSince());
    }

    @Test
    void autoDisableCandidatesAreEnabledEndpointsFailingSinceTheCutoffWithAnExhaustedDelivery() {
        AccountId account = newAccount();
        Endpoint longFailingExhausted = newEndpoint(account);
        Endpoint longFailingNotExhausted = newEndpoint(account);
        Endpoint recentlyFailingExhausted = newEndpoint(account);
        Endpoint disabled = newEndpoint(account);
        Instant old = T0.minus(Duration.ofDays(6));
        endpoints.recordHealth(List.of(
                new HealthChange(longFailingExhausted.id(), RETRYING, old),
                new HealthChange(longFailingExhausted.id(), FAILED, T0),
                new HealthChange(longFailingNotExhausted.id(), RETRYING, old),
                new HealthChange(recentlyFailingExhausted.id(), FAILED, T0),
                new HealthChange(disabled.id(), FAILED, old)));
        endpoints.update(endpoints.find(account, disabled.id()).orElseThrow()
                .disable(Disablement.byMerchant(T0)));

        List<Endpoint> candidates = endpoints.autoDisableCandidates(T0.minus(Duration.ofDays(5)), 10);
        assertEquals(Set.of(longFailingExhausted.id()), Set.copyOf(candidates.stream().map(Endpoint::id).toList()));
    }

    @Test
    void endpointsMarkedAsReleasingAreListedUntilUnmarkedWithTheirMarkAndTheMarkSurvivesAnUpdate() {
        AccountId account = newAccount();
        Endpoint first = newEndpoint(account);
        Endpoint second = newEndpoint(account);
        assertFalse(endpoints.switched(100).containsKey(first.id()));
        endpoints.markSwitched(first.id());
        endpoints.markSwitched(second.id());
        endpoints.update(first.withRateLimit(7, first.updatedAt().plusSeconds(1)));
        Map<EndpointId, Long> marked = endpoints.switched(100);
        assertEquals(Set.of(first.id(), second.id()), marked.keySet());
        endpoints.markSwitched(first.id()); // enabled again after a disable: a new mark
        assertFalse(endpoints.unmarkSwitched(first.id(), marked.get(first.id())), "an old mark clears nothing");
        assertTrue(endpoints.switched(100).containsKey(first.id()));
        assertTrue(endpoints.unmarkSwitched(first.id(), endpoints.switched(100).get(first.id())));
        assertEquals(Set.of(second.id()), endpoints.switched(100).keySet());
        assertEquals(7, endpoints.find(account, first.id()).orElseThrow().rateLimit(), "the row still reads back");
    }

    @Test
    void lockEnabledWaitsForATransactionThatEnablesAnEndpointAndThenSeesItEnabled() throws Exception {
        AccountId account = newAccount();
        Endpoint paused = newEndpoint(account).disable(Disablement.byMerchant(T0));
        endpoints.update(paused);
        Endpoint active = newEndpoint(account);
        Endpoint stillPaused = newEndpoint(account).disable(Disablement.byMerchant(T0));
        endpoints.update(stillPaused);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> enabling = pool.submit(() -> tx.run(() -> {
                endpoints.update(paused.enable(T0.plusSeconds(1)));
                written.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(written.await(10, TimeUnit.SECONDS));
            Future<Set<EndpointId>> locking = pool.submit(() -> tx.inTransaction(
                    () -> endpoints.lockEnabled(List.of(stillPaused.id(), paused.id(), active.id()))));
            Thread.sleep(300);
            assertFalse(locking.isDone(), "waits for the transaction that wrote the row");
            commit.countDown();
            enabling.get(10, TimeUnit.SECONDS);
            assertEquals(Set.of(paused.id(), active.id()), locking.get(10, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
        assertEquals(Set.of(), tx.inTransaction(() -> endpoints.lockEnabled(List.of(stillPaused.id()))));
        assertEquals(Set.of(), endpoints.lockEnabled(List.of()));
        assertTrue(endpoints.delete(account, active.id(), T0.plusSeconds(2)));
        assertEquals(Set.of(paused.id()), tx.inTransaction(() -> endpoints.lockEnabled(List.of(paused.id(), active.id()))),
                "a deleted endpoint is not enabled, although its row is still there until purged");
    }
}
