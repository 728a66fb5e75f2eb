package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.signing.SigningSecret;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.signing.SignatureScheme;
import dev.hookline.domain.signing.Signer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher with in-memory ports: which requests go out, and when. */
class DispatcherTest {

    private final AccountId account = AccountId.generate();
    private final Endpoint endpoint = Endpoint.create(account, "https://hooks.example.com/x", "",
            new EventFilter.AllEvents(), SigningSecret.generate(new SecureRandom()), Instant.now());
    private final List<Endpoint> endpoints = new ArrayList<>(List.of(endpoint));
    private final FakeEndpoints fakeEndpoints = new FakeEndpoints(endpoints);
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final Map<EventId, Event> events = new HashMap<>();
    private final List<WebhookSender.OutboundRequest> sent = new CopyOnWriteArrayList<>();
    /** Recording attempts waits for this: the recorder's transaction is stuck while it is closed. */
    private final CountDownLatch recorderMayCommit = new CountDownLatch(1);
    private final List<Attempt> recorded = new CopyOnWriteArrayList<>();
    private Dispatcher dispatcher;

    private Dispatcher dispatcher(int maxInFlightPerEndpoint) {
        HooklineSettings settings = new HooklineSettings(Duration.ofSeconds(5), RetryPolicy.defaults(),
                new Signer(SignatureScheme.defaults()), NetworkPolicy.strict(),
                new AutoDisablePolicy(Duration.ofDays(5)), Duration.ofSeconds(60), 100, 100, maxInFlightPerEndpoint,
                Duration.ofHours(24), Duration.ofDays(30), 256 * 1024, "Hookline/test");
        WebhookSender answersAtOnce = request -> {
            sent.add(request);
            return CompletableFuture.completedFuture(new AttemptOutcome.Response(200, Map.of(), "", false));
        };
        dispatcher = new Dispatcher(new FakeDeliveries(deliveries), new FakeEvents(events),
                fakeEndpoints, new FakeEndpointTallies(), new StuckAttempts(), answersAtOnce,
                new DirectTransactions(), Clock.systemUTC(), settings);
        return dispatcher;
    }

    @AfterEach
    void stop() {
        recorderMayCommit.countDown();
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    /** A stored event and its fresh delivery (due now); the caller stores the delivery as it needs. */
    private Handed fresh(Instant now) {
        Event event = new Event(EventId.generate(), account, new EventTypeName("payment.succeeded"), now,
                "{}", Optional.empty(), Optional.empty(), Optional.empty(), false);
        events.put(event.id(), event);
        return new Handed(event, Delivery.create(account, event.id(), event.type(), endpoint.id(), true, 6, now));
    }

    private void due(int n) {
        for (int i = 0; i < n; i++) {
            deliveries.add(fresh(Instant.now()).delivery());
        }
    }

    @Test
    void anEndpointsSlotIsFreeOnceItAnsweredNotOnlyOnceTheAttemptIsRecorded() throws InterruptedException {
        due(3);
        dispatcher(1).start();
        dispatcher.wake();

        // one request open at a time, and each answered at once: all three go out although the
        // recorder has not committed the first attempt yet
        await(() -> sent.size() == 3, "requests sent while the first attempt was still being recorded");
        assertTrue(recorded.isEmpty());
        assertEquals(3, dispatcher.inFlight(), "sent but not recorded: still in flight for the node");

        recorderMayCommit.countDown();
        await(() -> dispatcher.inFlight() == 0, "every attempt recorded");
        assertEquals(3, recorded.size());
        assertTrue(deliveries.stream().allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED));
    }

    /** A fresh event and its delivery as a publish that reserved a slot writes it: claimed, leased. */
    private Handed published() {
        Instant now = Instant.now();
        Handed fresh = fresh(now);
        Delivery claimed = fresh.delivery().claim(now, now.plusSeconds(60));
        deliveries.add(claimed);
        return new Handed(fresh.event(), claimed);
    }

    private record Handed(Event event, Delivery delivery) {
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 5 s for: " + what);
            Thread.sleep(5);
        }
    }

    private Delivery stored(Delivery d) {
        synchronized (deliveries) {
            return deliveries.stream().filter(x -> x.id().equals(d.id())).findFirst().orElseThrow();
        }
    }

    @Test
    void deliveriesHandedOverAreSentWithoutAClaimAndGiveTheirSlotsBack() throws InterruptedException {
        dispatcher(2);
        assertFalse(dispatcher.reserve(endpoint.id()), "not started: nothing is handed over");
        dispatcher.start();
        // until its first claim has found the due queue empty, fresh deliveries queue for a claim
        await(() -> dispatcher.reserve(endpoint.id()), "a slot reserved");
        assertTrue(dispatcher.reserve(endpoint.id()));
        assertFalse(dispatcher.reserve(endpoint.id()), "both of the endpoint's slots are reserved");

        // leased for 60 s in the store: no claim can take them, so what goes out was handed over
        Handed first = published();
        Handed second = published();
        dispatcher.handOver(first.event(), List.of(first.delivery()));
        dispatcher.handOver(second.event(), List.of(second.delivery()));
        await(() -> sent.size() == 2, "both sent");
        assertEquals(List.of(first.event().id().value(), second.event().id().value()),
                sent.stream().map(r -> r.headers().get("webhook-id")).toList());

        // answered, and taken in by the dispatcher: the reservations are given back
        await(() -> dispatcher.reserve(endpoint.id()), "a slot free again");
        dispatcher.release(endpoint.id());
        recorderMayCommit.countDown();
        await(() -> stored(second.delivery()).status() == DeliveryStatus.SUCCEEDED, "recorded");
        assertEquals(DeliveryStatus.SUCCEEDED, stored(first.delivery()).status());
    }

    @Test
    void aDeliveryHandedOverForAnEndpointDisabledMeanwhileIsHeldNotSent() throws InterruptedException {
        dispatcher(64).start();
        await(() -> dispatcher.reserve(endpoint.id()), "a slot reserved");
        endpoints.set(0, endpoint.disable(Disablement.byMerchant(Instant.now())));
        Handed h = published();
        dispatcher.handOver(h.event(), List.of(h.delivery()));
        await(() -> stored(h.delivery()).status() == DeliveryStatus.HELD, "held");
        assertEquals(List.of(), sent);
    }

    @Test
    void aDeliveryOfAnEndpointEnabledWhileItWasBeingHeldIsDueAgainNotHeld() throws InterruptedException {
        dispatcher(64).start();
        await(() -> dispatcher.reserve(endpoint.id()), "a slot reserved");
        Endpoint disabled = endpoint.disable(Disablement.byMerchant(Instant.now()));
        endpoints.set(0, disabled);
        // the hold waits for the endpoint's row, which a merchant's enabling transaction held: by
        // the time the lock is granted the endpoint is enabled, and the housekeeping job may already
        // have found it without held deliveries and cleared its mark, so a hold would stay for good
        fakeEndpoints.whileLocking = () -> endpoints.set(0, disabled.enable(Instant.now()));
        Handed h = published();
        dispatcher.handOver(h.event(), List.of(h.delivery()));
        await(() -> sent.size() == 1, "claimed again as due, and sent");
        assertEquals(h.event().id().value(), sent.get(0).headers().get("webhook-id"));
        assertEquals(List.of(endpoint.id()), fakeEndpoints.locked.get(0), "the hold locked the endpoint's row");
    }

    @Test
    void aDeliveryHandedOverWhileStoppingIsDueAgainForTheNextNode() throws InterruptedException {
        dispatcher(64).start();
        await(() -> dispatcher.reserve(endpoint.id()), "a slot reserved");
        dispatcher.stop();
        Handed h = published();
        dispatcher.handOver(h.event(), List.of(h.delivery()));
        Delivery stored = stored(h.delivery());
        assertEquals(DeliveryStatus.PENDING, stored.status());
        assertFalse(stored.nextAttemptAt().isAfter(Instant.now()), "due now");
        assertEquals(List.of(), sent);
        assertFalse(dispatcher.reserve(endpoint.id()), "stopped: nothing is handed over");
    }

    /** Attempts wait for the latch: the recorder's transaction cannot commit until the test allows it. */
    private final class StuckAttempts implements Attempts {
        @Override
        public void addAll(List<Attempt> attempts) {
            try {
                recorderMayCommit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            recorded.addAll(attempts);
        }

        @Override
        public List<Attempt> ofDelivery(DeliveryId delivery) {
            return recorded.stream().filter(a -> a.deliveryId().equals(delivery)).toList();
        }
    }

    private static final class DirectTransactions implements Transactions {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }
}
