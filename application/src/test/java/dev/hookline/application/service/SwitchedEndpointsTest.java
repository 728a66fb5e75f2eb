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
 * The housekeeping job brings the deliveries of a switched endpoint in line with it: the held ones
 * of an enabled endpoint released, the waiting ones of a disabled endpoint held, a chunk per
 * transaction.
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
                    throw new AssertionError("releasing held deliveries reads no events: " + method.getName());
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
    void theJobReleasesAMarkedEndpointsHeldDeliveriesAChunkPerTransaction() {
        Endpoint endpoint = endpointWithHeld(2 * HousekeepingService.CHUNK + 345, true);
        endpoints.markSwitched(endpoint.id());

        assertEquals(2 * HousekeepingService.CHUNK + 345, housekeeping.holdOrReleaseDeliveries());
        assertEquals(0, count(endpoint, DeliveryStatus.HELD));
        assertEquals(2 * HousekeepingService.CHUNK + 345, count(endpoint, DeliveryStatus.PENDING));
        assertEquals(3, transactions.get(), "one transaction per chunk");
        assertEquals(3, signals.get(), "the dispatcher is woken after every chunk");
        assertEquals(Set.of(), marked(), "a short chunk ends the release");
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
    }

    @Test
    void eachChunkOfAJobRunStartsAfterTheLastIdOfTheChunkBefore() {
        Endpoint endpoint = endpointWithHeld(2 * HousekeepingService.CHUNK + 7, true);
        endpoints.markSwitched(endpoint.id());
        assertEquals(2 * HousekeepingService.CHUNK + 7, housekeeping.holdOrReleaseDeliveries());
        List<DeliveryId> ids = deliveryList.stream().map(Delivery::id).sorted().toList();
        assertEquals(Arrays.asList(null, ids.get(HousekeepingService.CHUNK - 1), ids.get(2 * HousekeepingService.CHUNK - 1)),
                deliveries.releaseCalls);
        assertEquals(List.of(), endpoints.locked, "the job locks no endpoint row (the recorder writes it)");
    }

    @Test
    void fewerThanAChunkAreAllReleasedInOneTransactionAndTheMarkIsCleared() {
        Endpoint endpoint = endpointWithHeld(12, true);
        endpoints.markSwitched(endpoint.id());
        assertEquals(12, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Set.of(), marked());
        assertEquals(1, transactions.get());
        assertEquals(0, housekeeping.holdOrReleaseDeliveries());
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
        Endpoint endpoint = endpointWithHeld(2 * HousekeepingService.CHUNK + 5, true);
        endpoints.markSwitched(endpoint.id());
        deliveries.failReleaseCall = 2; // the run releases a chunk, then stops
        assertThrows(IllegalStateException.class, housekeeping::holdOrReleaseDeliveries);
        assertEquals(HousekeepingService.CHUNK, count(endpoint, DeliveryStatus.PENDING));
        // disabled meanwhile: the released chunk is held again, from the endpoint's first delivery
        Endpoint disabled = endpoint.disable(Disablement.byMerchant(T0));
        endpointList.replaceAll(e -> e.id().equals(disabled.id()) ? disabled : e);
        endpoints.markSwitched(endpoint.id());
        assertEquals(HousekeepingService.CHUNK, housekeeping.holdOrReleaseDeliveries());
        assertEquals(2 * HousekeepingService.CHUNK + 5, count(endpoint, DeliveryStatus.HELD));
        assertEquals(null, deliveries.releaseCalls.get(2), "the new mark starts from the first delivery");
        assertEquals(Set.of(), marked());
    }

    @Test
    void anEnablingWhileTheJobRunsKeepsItsNewMarkSoTheNextRunStartsAgainFromTheFirstHeld() {
        Endpoint endpoint = endpointWithHeld(HousekeepingService.CHUNK + 5, true);
        endpoints.markSwitched(endpoint.id());
        long before = endpoints.switched(10).get(endpoint.id());
        // the endpoint was disabled and enabled again (a new mark) after the job read the old one
        endpoints.markSwitched(endpoint.id());
        assertTrue(!endpoints.unmarkSwitched(endpoint.id(), before), "the old mark does not clear the new one");
        assertEquals(Set.of(endpoint.id()), marked());
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Set.of(), marked(), "the job's own mark is cleared");
    }

    @Test
    void eachRoundReleasesAChunkOfEveryMarkedEndpointSoAllOfThemHaveDueDeliveriesAtOnce() {
        Endpoint a = endpointWithHeld(HousekeepingService.CHUNK + 2, true);
        Endpoint b = endpointWithHeld(2 * HousekeepingService.CHUNK + 1, true);
        endpoints.markSwitched(a.id());
        endpoints.markSwitched(b.id());
        assertEquals(3 * HousekeepingService.CHUNK + 3, housekeeping.holdOrReleaseDeliveries());
        assertEquals(List.of(a.id(), b.id(), a.id(), b.id(), b.id()), deliveries.releasedEndpoints);
        assertEquals(Set.of(), marked());
    }

    @Test
    void theNextRunResumesAfterTheLastIdReleasedForTheSameMark() {
        Endpoint endpoint = endpointWithHeld(2 * HousekeepingService.CHUNK + 5, true);
        endpoints.markSwitched(endpoint.id());
        List<DeliveryId> ids = deliveryList.stream().map(Delivery::id).sorted().toList();
        // the first run releases a chunk, then fails (or runs out of time): the next goes on from there
        deliveries.failReleaseCall = 2;
        assertThrows(IllegalStateException.class, housekeeping::holdOrReleaseDeliveries);
        assertEquals(HousekeepingService.CHUNK + 5, housekeeping.holdOrReleaseDeliveries());
        assertEquals(Arrays.asList(null, ids.get(HousekeepingService.CHUNK - 1),
                ids.get(HousekeepingService.CHUNK - 1), ids.get(2 * HousekeepingService.CHUNK - 1)),
                deliveries.releaseCalls);
        assertEquals(Set.of(), marked());
    }

    @Test
    void severalMarkedEndpointsAreAllReleased() {
        Endpoint a = endpointWithHeld(HousekeepingService.CHUNK + 1, true);
        Endpoint b = endpointWithHeld(3, true);
        endpoints.markSwitched(a.id());
        endpoints.markSwitched(b.id());
        assertEquals(HousekeepingService.CHUNK + 4, housekeeping.holdOrReleaseDeliveries());
        assertTrue(deliveryList.stream().allMatch(d -> d.status() == DeliveryStatus.PENDING));
        assertEquals(Set.of(), marked());
    }
}
