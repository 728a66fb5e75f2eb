package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SignatureScheme;
import dev.hookline.domain.signing.Signer;
import dev.hookline.domain.signing.SigningSecret;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The housekeeping job brings the deliveries of a switched endpoint in line with it: the waiting
 * ones of a disabled endpoint held, a chunk per transaction; the held ones of an enabled endpoint
 * left to the dispatchers (which claim them straight from the hold), the mark cleared once none is
 * held.
 */
class SwitchedEndpointsTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private final AccountId account = AccountId.generate();
    private final List<Endpoint> endpointList = new ArrayList<>();
    private final List<Delivery> deliveryList = new ArrayList<>();
    private final FakeEndpoints endpoints = new FakeEndpoints(endpointList);
    private final FakeDeliveries deliveries = new FakeDeliveries(deliveryList);
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger signals = new AtomicInteger();
    private final HousekeepingService housekeeping;

    SwitchedEndpointsTest() {
        HooklineSettings settings = new HooklineSettings(Duration.ofSeconds(5), RetryPolicy.defaults(),
                new Signer(SignatureScheme.defaults()), NetworkPolicy.strict(), new AutoDisablePolicy(Duration.ofDays(5)),
                Duration.ofSeconds(60), 100, 100, 10, Duration.ofHours(24), Duration.ofDays(30), 256 * 1024,
                "Hookline/test");
        Transactions counting = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactions.incrementAndGet();
                return work.get();
            }
        };
        Events unused = (Events) Proxy.newProxyInstance(Events.class.getClassLoader(), new Class<?>[] {Events.class},
                (proxy, method, args) -> {
                    throw new AssertionError("switching endpoints reads no events: " + method.getName());
                });
        housekeeping = new HousekeepingService(deliveries, endpoints, new FakeEndpointTallies(), unused, counting, signals::incrementAndGet,
                Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC), settings);
    }

    /** With {@code held} deliveries held (created while it was disabled). */
    private Endpoint endpointWithHeld(int held, boolean enabled) {
        return endpointWith(held, false, enabled);
    }

    /** With {@code count} deliveries created while it was enabled ({@code waiting}) or disabled. */
    private Endpoint endpointWith(int count, boolean waiting, boolean enabled) {
        Endpoint endpoint = Endpoint.create(account, "https://hooks.example.com/" + endpointList.size(), "",
                new EventFilter.AllEvents(), SigningSecret.generate(new SecureRandom()), T0);
        if (!enabled) {
            endpoint = endpoint.disable(Disablement.byMerchant(T0));
        }
        endpointList.add(endpoint);
        for (int i = 0; i < count; i++) {
            deliveryList.add(Delivery.create(account, EventId.generate(), new EventTypeName("invoice.paid"),
                    endpoint.id(), waiting, 6, T0));
        }
        return endpoint;
    }

    private long count(Endpoint endpoint, DeliveryStatus status) {
        return deliveries.countByStatus(endpoint.id()).getOrDefault(status, 0L);
    }

    private Set<EndpointId> marked() {
        return endpoints.switched(10).keySet();
    }

    @Test
    void theJobLeavesAnEnabledEndpointsHeldDeliveriesToTheDispatchersAndWakesThem() {
        Endpoint endpoint = endpointWithHeld(2 * HousekeepingService.CHUNK + 345, true);
        endpoints.markSwitched(endpoint.id());

        assertEquals(0, housekeeping.holdOrReleaseDeliveries(), "no row is written");
        assertEquals(2 * HousekeepingService.CHUNK + 345, count(endpoint, DeliveryStatus.HELD));
        assertEquals(1, transactions.get(), "one look per run");
        assertEquals(1, signals.get(), "the dispatcher is woken: it claims them straight from the hold");
        assertEquals(Set.of(endpoint.id()), marked(), "marked while any is held");
        assertEquals(List.of(), endpoints.locked, "the job locks no endpoint row (the recorder writes it)");
    }

    @Test
    void anEnabledEndpointIsUnmarkedOnceNoneOfItsDeliveriesIsHeld() {
        Endpoint endpoint = endpointWithHeld(12, true);
        endpoints.markSwitched(endpoint.id());
        assertEquals(12, deliveries.claimHeld(endpoint.id(), null, T0, T0.plusSeconds(60), 100).size());
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Set.of(), marked());
        assertEquals(0, signals.get(), "nothing left to claim");
    }

    @Test
    void eachLookStartsAtTheFirstHeldOneFoundLastTimeAndLooksFromTheFirstOnceMoreBeforeUnmarking() {
        Endpoint endpoint = endpointWithHeld(5, true);
        endpoints.markSwitched(endpoint.id());
        List<DeliveryId> ids = deliveryList.stream().map(Delivery::id).sorted().toList();
        housekeeping.holdOrReleaseDeliveries();
        List<Delivery> claimed = deliveries.claimHeld(endpoint.id(), null, T0, T0.plusSeconds(60), 2);
        housekeeping.holdOrReleaseDeliveries();
        assertEquals(Arrays.asList(null, ids.get(0)), deliveries.firstHeldCalls);
        deliveries.claimHeld(endpoint.id(), ids.get(1), T0, T0.plusSeconds(60), 3);
        // one claimed before the endpoint was enabled is held back behind the others by a dispatcher
        // that read the endpoint while it was still disabled: the look from the first finds it
        assertEquals(1, deliveries.completeAll(List.of(claimed.get(0).hold(T0))));
        housekeeping.holdOrReleaseDeliveries();
        assertEquals(Arrays.asList(null, ids.get(0), ids.get(2), null), deliveries.firstHeldCalls);
        assertEquals(Set.of(endpoint.id()), marked(), "one is held still");
        deliveries.claimHeld(endpoint.id(), null, T0, T0.plusSeconds(60), 3);
        housekeeping.holdOrReleaseDeliveries();
        assertEquals(Set.of(), marked());
    }

    @Test
    void theJobHoldsTheWaitingDeliveriesOfADisabledEndpointAChunkPerTransactionWithoutWakingTheDispatcher() {
        Endpoint endpoint = endpointWith(HousekeepingService.CHUNK + 5, true, false);
        Endpoint other = endpointWith(3, true, true);
        endpoints.markSwitched(endpoint.id());
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertEquals(HousekeepingService.CHUNK + 5, count(endpoint, DeliveryStatus.HELD));
        assertEquals(3, count(other, DeliveryStatus.PENDING), "another endpoint's are left alone");
        assertEquals(2, transactions.get(), "one transaction per chunk");
        List<DeliveryId> ids = deliveryList.stream().filter(d -> d.endpointId().equals(endpoint.id()))
                .map(Delivery::id).sorted().toList();
        assertEquals(Arrays.asList(null, ids.get(HousekeepingService.CHUNK - 1)), deliveries.releaseCalls);
        assertEquals(Set.of(), marked());
        assertEquals(0, signals.get(), "nothing became due");
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
    }

    @Test
    void theJobDeletesADeletedEndpointsDeliveriesAChunkPerTransactionThenItsRow() {
        Endpoint endpoint = endpointWith(HousekeepingService.CHUNK + 5, true, true);
        Endpoint other = endpointWith(2, true, true);
        assertTrue(endpoints.delete(account, endpoint.id(), T0));
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertTrue(deliveryList.stream().noneMatch(d -> d.endpointId().equals(endpoint.id())));
        assertEquals(2, count(other, DeliveryStatus.PENDING));
        assertEquals(2, transactions.get(), "one transaction per chunk");
        assertEquals(List.of(endpoint.id()), endpoints.purged, "then the row");
        assertEquals(Set.of(), marked());
        assertEquals(0, signals.get());
    }

    @Test
    void anEndpointDisabledAgainBeforeTheJobRunsKeepsItsDeliveriesHeldAndLosesTheMark() {
        Endpoint endpoint = endpointWithHeld(HousekeepingService.CHUNK + 5, false);
        endpoints.markSwitched(endpoint.id());
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
        assertEquals(HousekeepingService.CHUNK + 5, count(endpoint, DeliveryStatus.HELD));
        assertEquals(Set.of(), marked());
        assertEquals(0, signals.get());
    }

    @Test
    void aSwitchWhileTheJobIsAtItMakesTheNextRunStartOverInTheNewDirection() {
        Endpoint endpoint = endpointWith(2 * HousekeepingService.CHUNK + 5, true, false);
        endpoints.markSwitched(endpoint.id());
        deliveries.failReleaseCall = 2; // the run holds a chunk, then stops
        assertThrows(IllegalStateException.class, housekeeping::holdOrReleaseDeliveries);
        assertEquals(HousekeepingService.CHUNK, count(endpoint, DeliveryStatus.HELD));
        // enabled meanwhile: the held chunk is left to the dispatchers, the rest was never held
        Endpoint enabled = endpoint.enable(T0);
        endpointList.replaceAll(e -> e.id().equals(enabled.id()) ? enabled : e);
        endpoints.markSwitched(endpoint.id());
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
        assertEquals(HousekeepingService.CHUNK + 5, count(endpoint, DeliveryStatus.PENDING));
        assertEquals(Arrays.asList((DeliveryId) null), deliveries.firstHeldCalls, "the new mark looks from the first");
        assertEquals(Set.of(endpoint.id()), marked());
    }

    @Test
    void aSwitchWhileTheJobRunsKeepsItsNewMarkSoTheNextRunStartsAgainFromTheFirst() {
        Endpoint endpoint = endpointWith(HousekeepingService.CHUNK + 5, true, false);
        endpoints.markSwitched(endpoint.id());
        long before = endpoints.switched(10).get(endpoint.id());
        // the endpoint was enabled and disabled again (a new mark) after the job read the old one
        endpoints.markSwitched(endpoint.id());
        assertTrue(!endpoints.unmarkSwitched(endpoint.id(), before), "the old mark does not clear the new one");
        assertEquals(Set.of(endpoint.id()), marked());
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Set.of(), marked(), "the job's own mark is cleared");
    }

    @Test
    void eachRoundHoldsAChunkOfEveryMarkedEndpoint() {
        Endpoint a = endpointWith(HousekeepingService.CHUNK + 2, true, false);
        Endpoint b = endpointWith(2 * HousekeepingService.CHUNK + 1, true, false);
        endpoints.markSwitched(a.id());
        endpoints.markSwitched(b.id());
        assertEquals(3 * HousekeepingService.CHUNK + 3, housekeeping.holdOrReleaseDeliveries());
        assertEquals(List.of(a.id(), b.id(), a.id(), b.id(), b.id()), deliveries.releasedEndpoints);
        assertEquals(Set.of(), marked());
    }

    @Test
    void theNextRunResumesAfterTheLastIdHeldForTheSameMark() {
        Endpoint endpoint = endpointWith(2 * HousekeepingService.CHUNK + 5, true, false);
        endpoints.markSwitched(endpoint.id());
        List<DeliveryId> ids = deliveryList.stream().map(Delivery::id).sorted().toList();
        // the first run holds a chunk, then fails (or runs out of time): the next goes on from there
        deliveries.failReleaseCall = 2;
        assertThrows(IllegalStateException.class, housekeeping::holdOrReleaseDeliveries);
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Arrays.asList(null, ids.get(HousekeepingService.CHUNK - 1),
                ids.get(HousekeepingService.CHUNK - 1), ids.get(2 * HousekeepingService.CHUNK - 1)),
                deliveries.releaseCalls);
        assertEquals(Set.of(), marked());
    }

    @Test
    void severalMarkedEndpointsAreAllDealtWith() {
        Endpoint a = endpointWith(HousekeepingService.CHUNK + 1, true, false);
        Endpoint b = endpointWithHeld(3, true);
        endpoints.markSwitched(a.id());
        endpoints.markSwitched(b.id());
        assertEquals(HousekeepingService.CHUNK + 1, housekeeping.holdOrReleaseDeliveries());
        assertTrue(deliveryList.stream().allMatch(d -> d.status() == DeliveryStatus.HELD));
        assertEquals(Set.of(b.id()), marked(), "the enabled one keeps its mark while any is held");
    }
}
