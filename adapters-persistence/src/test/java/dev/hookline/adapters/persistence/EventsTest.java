package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventsTest extends DatabaseTest {

    private static Event full(AccountId account, String key) {
        return new Event(EventId.generate(), account, new EventTypeName("customer.updated"), T0,
                "{\"b\":1,\"a\":\"ünïcødé \\\"q\\\" \\u2028\",\"n\":1e+21}",
                Optional.of("{\"b\":0,\"a\":null}"), Optional.of("{\"customer_id\":\"cus_1\"}"),
                Optional.ofNullable(key), true);
    }

    @Test
    void roundTripsAnEventWithPreviousDataEntitiesAndIdempotencyKeyByteForByte() {
        AccountId account = newAccount();
        Event event = full(account, "order-42/attempt:1");
        assertTrue(events.add(event));
        assertEquals(Optional.of(event), events.find(account, event.id()));
        assertEquals(Optional.of(event), events.findByIdempotencyKey(account, "order-42/attempt:1"));
        assertEquals(event.data(), rawColumn("SELECT data FROM events WHERE id = ?", event.id().value()));
        assertEquals(Map.of(event.id(), event), events.findAll(List.of(event.id(), EventId.generate())));
        assertEquals(Map.of(), events.findAll(List.of()));
    }

    @Test
    void aRepeatedIdempotencyKeyAddsNothingAndTheTransactionStillCommitsItsOtherWrites() {
        AccountId account = newAccount();
        Event first = full(account, "key-1");
        assertTrue(events.add(first));

        Event again = full(account, "key-1");
        Event other = full(account, "key-2");
        boolean[] added = new boolean[2];
        tx.run(() -> {
            added[0] = events.add(again);
            added[1] = events.add(other);
        });
        assertFalse(added[0]);
        assertTrue(added[1]);
        assertEquals(2, count("SELECT COUNT(*) FROM events"));
        assertEquals(Optional.of(first), events.findByIdempotencyKey(account, "key-1"));
        assertEquals(Optional.empty(), events.find(account, again.id()));
    }

    @Test
    void idempotencyKeysAreScopedByAccountAndEventsWithoutKeyAreNeverDuplicates() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        assertTrue(events.add(full(a, "same")));
        assertTrue(events.add(full(b, "same")));
        assertTrue(events.add(full(a, null)));
        assertTrue(events.add(full(a, null)));
        assertEquals(4, count("SELECT COUNT(*) FROM events"));
    }

    @Test
    void anEventOfAnotherAccountIsNotFound() {
        AccountId a = newAccount();
        AccountId b = newAccount();
        Event event = full(a, "k");
        events.add(event);
        assertEquals(Optional.empty(), events.find(b, event.id()));
        assertEquals(Optional.empty(), events.findByIdempotencyKey(b, "k"));
    }

    @Test
    void purgeDeletesOnlyOldEventsThatNoDeliveryRefersTo() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Event oldOrphan1 = newEvent(account, T0.minus(Duration.ofDays(40)));
        Event oldOrphan2 = newEvent(account, T0.minus(Duration.ofDays(39)));
        Event oldReferenced = newEvent(account, T0.minus(Duration.ofDays(40)));
        Event recent = newEvent(account, T0);
        deliveries.addAll(List.of(pending(endpoint, oldReferenced, T0)));

        assertEquals(1, events.purge(T0.minus(Duration.ofDays(30)), 1));
        assertEquals(Optional.empty(), events.find(account, oldOrphan1.id()), "oldest first");
        assertEquals(1, events.purge(T0.minus(Duration.ofDays(30)), 10));
        assertEquals(0, events.purge(T0.minus(Duration.ofDays(30)), 10));
        assertEquals(Optional.empty(), events.find(account, oldOrphan2.id()));
        assertTrue(events.find(account, oldReferenced.id()).isPresent());
        assertTrue(events.find(account, recent.id()).isPresent());
        assertEquals(DeliveryStatus.PENDING, deliveries.ofEndpoint(account, endpoint.id(),
                dev.hookline.application.port.out.Deliveries.Filter.any(),
                dev.hookline.application.port.out.PageRequest.first(10)).items().get(0).status());
    }
}
