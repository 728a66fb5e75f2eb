package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.PublishEventUseCase.PublishEventCommand;
import dev.hookline.application.port.in.PublishEventUseCase.PublishedEvent;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.Accounts;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.account.Account;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventCatalog;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonValue;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SignatureScheme;
import dev.hookline.domain.signing.Signer;
import dev.hookline.domain.signing.SigningSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publishing with in-memory fakes: fan-out by filter, HELD for disabled endpoints, idempotency, validation. */
class PublishServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

    private final Map<AccountId, Account> accounts = new HashMap<>();
    private final Map<EventId, Event> events = new HashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    /** The endpoints each publish's signal named (a publish always says which). */
    private final List<Set<EndpointId>> signals = new CopyOnWriteArrayList<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AccountId account = AccountId.generate();
    private volatile boolean slowCommits;
    /** The commit fails after the publish's writes returned: the transaction rolls back. */
    private volatile boolean failingCommits;
    private final RoomyHandover handover = new RoomyHandover();

    private final FakeEndpoints fakeEndpoints = new FakeEndpoints(endpoints);
    private final PublishService service;

    PublishServiceTest() {
        accounts.put(account, new Account(account, "Acme", NOW));
        HooklineSettings settings = new HooklineSettings(Duration.ofSeconds(5), RetryPolicy.defaults(),
                new Signer(SignatureScheme.defaults()), NetworkPolicy.strict(),
                new AutoDisablePolicy(Duration.ofDays(5)), Duration.ofSeconds(60), 100, 100, 10, Duration.ofHours(24),
                Duration.ofDays(30), 256 * 1024, "Hookline/test");
        service = new PublishService(new FakeAccounts(), new FakeEventTypes(),
                fakeEndpoints, new FakeEvents(events), new FakeDeliveries(deliveries),
                new CountingTransactions(), new NamingSignal(), handover, Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    private final class NamingSignal implements DispatchSignal {
        @Override
        public void deliveriesDue() {
            throw new AssertionError("a publish says which endpoints its deliveries are due for");
        }

        @Override
        public void deliveriesDue(Set<EndpointId> endpoints) {
            signals.add(endpoints);
        }
    }

    /** A dispatcher with room for the endpoints in {@link #room} only; it records what it is told. */
    private static final class RoomyHandover implements Handover {
        final Set<EndpointId> room = new HashSet<>();
        final List<EndpointId> released = new ArrayList<>();
        final Map<EventId, List<Delivery>> handedOver = new HashMap<>();

        @Override
        public boolean reserve(EndpointId endpoint) {
            return room.contains(endpoint);
        }

        @Override
        public void release(EndpointId endpoint) {
            released.add(endpoint);
        }

        @Override
        public void handOver(Event event, List<Delivery> claimed) {
            handedOver.put(event.id(), claimed);
        }
    }

    private Endpoint endpoint(String... patterns) {
        EventFilter filter = ((EventFilter.FilterParse.Valid) EventFilter.parse(List.of(patterns))).filter();
        Endpoint e = Endpoint.create(account, "https://hooks.example.com/" + endpoints.size(), "", filter,
                SigningSecret.generate(new SecureRandom()), NOW);
        endpoints.add(e);
        return e;
    }

    private static JsonValue json(String text) {
        return ((JsonParse.Parsed) Json.parse(text)).value();
    }

    private Result<PublishedEvent> publish(String type, String data, String key) {
        return service.publish(new PublishEventCommand(account.value(), type, data == null ? null : json(data), null,
                null, key));
    }

    @Test
    void writesOneDeliveryPerSubscribedEndpointInOneTransactionAndWakesTheDispatcher() {
        Endpoint all = endpoint("*");
        Endpoint payments = endpoint("payment.*");
        endpoint("invoice.paid");
        PublishedEvent published = publish("payment.succeeded", "{\"id\":\"pay_1\",\"amount\":9900}", null)
                .orElseThrow();
        assertEquals(2, published.deliveries());
        assertEquals(List.of(all.id(), payments.id()), deliveries.stream().map(Delivery::endpointId).toList());
        assertTrue(deliveries.stream().allMatch(d -> d.status() == DeliveryStatus.PENDING && d.nextAttemptAt().equals(NOW)));
        assertEquals(6, deliveries.get(0).attemptLimit(), "first attempt + 5 scheduled retries");
        assertEquals(1, transactions.get());
        assertEquals(List.of(Set.of(all.id(), payments.id())), signals, "one signal, naming the endpoints");
        assertEquals("{\"id\":\"pay_1\",\"amount\":9900}", events.values().iterator().next().data());
    }

    @Test
    void aDeliveryTheDispatcherHasRoomForIsWrittenClaimedAndHandedOverOnceCommitted() {
        Endpoint roomy = endpoint("*");
        Endpoint busy = endpoint("*");
        handover.room.add(roomy.id());
        PublishedEvent published = publish("payment.succeeded", "{}", null).orElseThrow();

        Delivery claimed = deliveries.get(0);
        assertEquals(roomy.id(), claimed.endpointId());
        assertEquals(DeliveryStatus.SENDING, claimed.status());
        assertEquals(NOW.plusSeconds(60), claimed.leaseUntil(), "leased to this node like a claim");
        assertEquals(DeliveryStatus.PENDING, deliveries.get(1).status());
        assertEquals(Map.of(published.event().id(), List.of(claimed)), handover.handedOver);
        assertEquals(List.of(Set.of(busy.id())), signals, "only the delivery written due is signalled");
        assertEquals(List.of(), handover.released);
    }

    @Test
    void aPublishRolledBackAfterItsWritesReleasesWhatItReservedAndHandsNothingOver() {
        Endpoint roomy = endpoint("*");
        handover.room.add(roomy.id());
        failingCommits = true;
        assertThrows(IllegalStateException.class, () -> publish("payment.succeeded", "{}", null));
        assertEquals(List.of(roomy.id()), handover.released);
        assertEquals(Map.of(), handover.handedOver);
        assertEquals(List.of(), signals);
    }

    @Test
    void aDisabledEndpointGetsAHeldDelivery() {
        Endpoint paused = endpoint("*").disable(Disablement.byMerchant(NOW));
        endpoints.set(0, paused);
        publish("invoice.paid", "{}", null).orElseThrow();
        assertEquals(DeliveryStatus.HELD, deliveries.get(0).status());
        assertEquals(List.of(List.of(paused.id())), fakeEndpoints.locked, "locked before writing HELD");
        assertEquals(List.of(), signals, "nothing is due: no dispatcher is woken");
    }

    @Test
    void anEndpointEnabledWhileThePublishReadsItsSubscriptionsGetsAPendingDelivery() {
        Endpoint paused = endpoint("*").disable(Disablement.byMerchant(NOW));
        endpoints.set(0, paused);
        Endpoint active = endpoint("*");
        // the enabling transaction commits while the publish waits for the endpoint's row: a HELD
        // delivery written now would come after that transaction's release and stay held for good
        fakeEndpoints.whileLocking = () -> endpoints.set(0, paused.enable(NOW));
        publish("invoice.paid", "{}", null).orElseThrow();
        assertEquals(List.of(DeliveryStatus.PENDING, DeliveryStatus.PENDING),
                deliveries.stream().map(Delivery::status).toList());
        assertEquals(List.of(List.of(paused.id())), fakeEndpoints.locked, "only the disabled endpoint is locked");
        assertTrue(deliveries.stream().anyMatch(d -> d.endpointId().equals(active.id())));
    }

    @Test
    void publishingToEnabledEndpointsLocksNoEndpoint() {
        endpoint("*");
        endpoint("payment.*");
        publish("payment.succeeded", "{}", null).orElseThrow();
        assertEquals(List.of(), fakeEndpoints.locked);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstEventAndWritesNothing() {
        endpoint("*");
        PublishedEvent first = publish("invoice.paid", "{\"n\":1}", "key-1").orElseThrow();
        PublishedEvent again = publish("invoice.paid", "{ \"n\" : 1 }", "key-1").orElseThrow();
        assertTrue(again.replayed());
        assertFalse(first.replayed());
        assertEquals(first.event().id(), again.event().id());
        assertEquals(1, again.deliveries(), "the first answer again: its deliveries, none created");
        assertEquals(1, events.size());
        assertEquals(1, deliveries.size());
        assertEquals(1, signals.size(), "a replay wakes no dispatcher");
    }

    @Test
    void aRepeatedIdempotencyKeyWithAnotherPayloadIsAConflictAndWritesNothing() {
        endpoint("*");
        publish("invoice.paid", "{\"n\":1}", "key-1").orElseThrow();
        Problem changedData = problem(publish("invoice.paid", "{\"n\":2}", "key-1"));
        assertEquals(Problem.Kind.CONFLICT, changedData.kind());
        assertEquals("Idempotency-Key", changedData.field());
        assertEquals(Problem.Kind.CONFLICT, problem(publish("invoice.created", "{\"n\":1}", "key-1")).kind());
        assertEquals(1, events.size());
        assertEquals(1, deliveries.size());
    }

    @Test
    void concurrentPublishesAreWrittenInBatchesAndARepeatedKeyInOneBatchIsReplayed() throws Exception {
        endpoint("*");
        endpoint("invoice.*");
        slowCommits = true;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<PublishedEvent>> results = new ArrayList<>();
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 200; i++) {
                String key = i % 10 == 0 ? "same-key" : null; // 20 publishes of one request
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return publish("invoice.paid", key == null ? "{\"n\":" + n + "}" : "{\"n\":0}", key).orElseThrow();
                }));
            }
            start.countDown();
            int replayed = 0;
            Set<EventId> keyed = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                PublishedEvent p = results.get(i).get();
                replayed += p.replayed() ? 1 : 0;
                if (i % 10 == 0) {
                    keyed.add(p.event().id());
                }
            }
            assertEquals(19, replayed, "one of the 20 same-key publishes wrote, the others got its event");
            assertEquals(1, keyed.size());
        } finally {
            pool.shutdown();
        }
        assertEquals(181, events.size());
        assertEquals(362, deliveries.size(), "two subscribed endpoints per written event");
        assertTrue(transactions.get() < 200, "publishes shared transactions: " + transactions.get());
    }

    @Test
    void refusesBadInputNamingTheField() {
        assertEquals("type", problem(publish("nope", "{}", null)).field());
        assertEquals(Problem.Kind.UNPROCESSABLE, problem(publish("payment.exploded", "{}", null)).kind());
        assertEquals("data", problem(publish("invoice.paid", null, null)).field());
        assertEquals("data", problem(publish("invoice.paid", "[1,2]", null)).field());
        assertEquals("account_id", problem(service.publish(new PublishEventCommand(AccountId.generate().value(),
                "invoice.paid", json("{}"), null, null, null))).field());
        assertEquals("account_id", problem(service.publish(new PublishEventCommand("acc_x", "invoice.paid",
                json("{}"), null, null, null))).field());
        assertEquals("previous_data", problem(service.publish(new PublishEventCommand(account.value(), "invoice.paid",
                json("{}"), json("\"old\""), null, null))).field());
        assertTrue(events.isEmpty() && deliveries.isEmpty(), "nothing written for refused events");
        assertEquals(List.of(), signals);
    }

    private static Problem problem(Result<?> result) {
        return assertInstanceOf(Result.Rejected.class, result).problem();
    }

    private final class CountingTransactions implements Transactions {
        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work) {
            transactions.incrementAndGet();
            T result = work.get();
            if (failingCommits) {
                throw new IllegalStateException("the commit failed");
            }
            if (slowCommits) {
                try {
                    Thread.sleep(2); // a commit takes time: concurrent publishes queue up behind it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return result;
        }
    }

    private final class FakeAccounts implements Accounts {
        @Override
        public void add(Account a) {
            accounts.put(a.id(), a);
        }

        @Override
        public Optional<Account> find(AccountId id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public long count() {
            return accounts.size();
        }
    }

    private static final class FakeEventTypes implements EventTypes {
        @Override
        public List<EventType> all() {
            return EventCatalog.defaults();
        }

        @Override
        public Optional<EventType> find(EventTypeName name) {
            return all().stream().filter(t -> t.name().equals(name)).findFirst();
        }

        @Override
        public void add(EventType type) {
            throw new UnsupportedOperationException("not used by publishing");
        }
    }
}
