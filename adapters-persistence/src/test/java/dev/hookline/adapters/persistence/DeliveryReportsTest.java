package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.DeliveryReports.FailedDelivery;
import dev.hookline.application.port.out.DeliveryReports.FailedQuery;
import dev.hookline.application.port.out.DeliveryReports.LastAttempt;
import dev.hookline.application.port.out.DeliveryReports.QueueDepth;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.id.DeliveryId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import dev.hookline.domain.id.EventId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryReportsTest extends DatabaseTest {

    private DeliveryReports reports() {
        return context.getBean(DeliveryReports.class);
    }

    private Delivery stored(Endpoint endpoint, Event event, DeliveryStatus status, Instant created) {
        Delivery d = new Delivery(DeliveryId.generate(), endpoint.accountId(), event.id(), endpoint.id(), event.type(),
                status, status == DeliveryStatus.PENDING ? 0 : 2, 2,
                status.isDue() ? created : null, status == DeliveryStatus.SENDING ? created.plusSeconds(60) : null,
                status == DeliveryStatus.FAILED ? 500 : null, AttemptTrigger.SCHEDULED, created, created);
        deliveries.addAll(List.of(d));
        return d;
    }

    private Attempt attempt(Delivery d, int number, Instant at, long millis, AttemptOutcome outcome) {
        Attempt a = new Attempt(AttemptId.generate(), d.id(), number, AttemptTrigger.SCHEDULED, at,
                Duration.ofMillis(millis), Map.of("content-type", "application/json"), outcome);
        attempts.addAll(List.of(a));
        return a;
    }

    private static AttemptOutcome.Response status(int code) {
        return new AttemptOutcome.Response(code, Map.of(), "", false);
    }

    @Test
    void failedDeliveriesAcrossAccountsFilterPageAndCount() {
        AccountId acme = newAccount();
        AccountId globex = newAccount();
        Endpoint acmeHook = newEndpoint(acme);
        Endpoint globexHook = newEndpoint(globex);
        Delivery a1 = stored(acmeHook, newEvent(acme), DeliveryStatus.FAILED, T0);
        Delivery g1 = stored(globexHook, newEvent(globex), DeliveryStatus.FAILED, T0.plusSeconds(10));
        Delivery g2 = stored(globexHook, newEvent(globex), DeliveryStatus.EXPIRED, T0.plusSeconds(20));
        stored(globexHook, newEvent(globex), DeliveryStatus.SUCCEEDED, T0.plusSeconds(30));
        stored(globexHook, newEvent(globex), DeliveryStatus.RETRYING, T0.plusSeconds(40));
        Event test = new Event(EventId.generate(), globex, PAYMENT_SUCCEEDED, T0, "{}", Optional.empty(),
                Optional.empty(), Optional.empty(), true);
        events.add(test);
        stored(globexHook, test, DeliveryStatus.FAILED, T0.plusSeconds(50)); // a test event's: not listed

        FailedQuery any = new FailedQuery(null, null, null, null, null);
        assertEquals(3, reports().countFailed(any));
        Page<FailedDelivery> first = reports().failed(any, PageRequest.first(2));
        assertEquals(List.of(g2.id(), g1.id()), first.items().stream().map(f -> f.delivery().id()).toList());
        assertEquals("https://example.com/hooks", first.items().get(0).endpointUrl());
        assertTrue(first.items().get(0).accountName().startsWith("Acme "));
        Page<FailedDelivery> second = reports().failed(any, new PageRequest(first.nextCursor().orElseThrow(), 2));
        assertEquals(List.of(a1.id()), second.items().stream().map(f -> f.delivery().id()).toList());

        assertEquals(2, reports().countFailed(new FailedQuery(globex, null, null, null, null)));
        assertEquals(1, reports().countFailed(new FailedQuery(null, acmeHook.id(), null, null, null)));
        assertEquals(3, reports().countFailed(new FailedQuery(null, null, new EventTypeName("payment.succeeded"),
                null, null)));
        assertEquals(0, reports().countFailed(new FailedQuery(null, null, new EventTypeName("invoice.paid"), null,
                null)));
        assertEquals(List.of(g1.id()), reports().failedAfter(new FailedQuery(null, null, null, T0.plusSeconds(5),
                T0.plusSeconds(20)), null, 10).stream().map(Delivery::id).toList());
        assertEquals(List.of(g1.id(), g2.id()), reports().failedAfter(any, a1.id(), 10).stream().map(Delivery::id)
                .toList());
        assertEquals(List.of(a1.id()), reports().failedAfter(any, null, 1).stream().map(Delivery::id).toList());
        assertEquals(g1, reports().findAnyAccount(g1.id()).orElseThrow());
    }

    @Test
    void queueDepthDeliveriesAndAttemptsPerMinuteAndLastAttempts() {
        AccountId account = newAccount();
        Endpoint endpoint = newEndpoint(account);
        Instant now = Instant.now();
        stored(endpoint, newEvent(account), DeliveryStatus.PENDING, now.minusSeconds(5));
        Delivery retrying = new Delivery(DeliveryId.generate(), account, newEvent(account).id(), endpoint.id(),
                PAYMENT_SUCCEEDED, DeliveryStatus.RETRYING, 1, 6, now.plusSeconds(300), null, 500,
                AttemptTrigger.SCHEDULED, now, now);
        deliveries.addAll(List.of(retrying));
        stored(endpoint, newEvent(account), DeliveryStatus.HELD, now);
        stored(endpoint, newEvent(account), DeliveryStatus.HELD, now);
        stored(endpoint, newEvent(account), DeliveryStatus.SENDING, now);
        Delivery done = stored(endpoint, newEvent(account), DeliveryStatus.SUCCEEDED, now);

        assertEquals(new QueueDepth(1, 1, 1, 2, 1), reports().queueDepth(now));

        attempt(retrying, 1, now.minusSeconds(10), 30, status(500));
        attempt(done, 1, now.minusSeconds(120), 10, status(500));
        attempt(done, 2, now.minusSeconds(5), 20, status(200));
        Delivery retriedToSuccess = stored(endpoint, newEvent(account), DeliveryStatus.SUCCEEDED, now);
        attempt(retriedToSuccess, 1, now.minusSeconds(30), 10, status(503));
        attempt(retriedToSuccess, 2, now.minusSeconds(20), 10, status(200));
        Delivery failed = stored(endpoint, newEvent(account), DeliveryStatus.FAILED, now);
        attempt(failed, 1, now.minusSeconds(40), 10, status(500));
        attempt(failed, 2, now.minusSeconds(15), 10, status(500));
        DeliveryReports.Throughput lastMinute = reports().throughputSince(now.minusSeconds(60));
        assertEquals(new DeliveryReports.Throughput(3, 2, 6), lastMinute,
                "3 deliveries finished (each once, however many attempts), 2 of them succeeded; 6 attempts");

        Map<DeliveryId, LastAttempt> last = reports().lastAttempts(List.of(retrying.id(), done.id(),
                DeliveryId.generate()));
        assertEquals(new LastAttempt(2, Duration.ofMillis(20), 200, null), last.get(done.id()));
        assertEquals(500, last.get(retrying.id()).statusCode());
        assertEquals(2, last.size());
    }
}
