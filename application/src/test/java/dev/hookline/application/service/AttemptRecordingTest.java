package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.EndpointTallies.Hour;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.application.service.AttemptRecording.Recorded;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.AutoDisablePolicy;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SignatureScheme;
import dev.hookline.domain.signing.Signer;
import dev.hookline.domain.signing.SigningSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttemptRecordingTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private static final Duration TOOK = Duration.ofMillis(42);

    private final HooklineSettings settings = new HooklineSettings(Duration.ofSeconds(5),
            new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)), 0),
            new Signer(SignatureScheme.defaults()), NetworkPolicy.strict(), new AutoDisablePolicy(Duration.ofDays(5)),
            Duration.ofSeconds(60), 100, 100, 10, Duration.ofHours(24), Duration.ofDays(30), 256 * 1024,
            "Hookline/test");
    private final AttemptRecording recording = new AttemptRecording(settings, new Random(1));
    private final AccountId account = AccountId.generate();
    private final Endpoint endpoint = Endpoint.create(account, "https://hooks.example.com/x", "", new EventFilter.AllEvents(),
            SigningSecret.generate(new SecureRandom()), T0);
    private final Event event = new Event(EventId.generate(), account, new EventTypeName("payment.succeeded"), T0,
            "{\"id\":\"pay_1\"}", Optional.empty(), Optional.empty(), Optional.empty(), false);

    private Delivery claimed() {
        return Delivery.create(account, event.id(), event.type(), endpoint.id(), true, 3, T0)
                .claim(T0, T0.plusSeconds(60));
    }

    private Recorded record(Delivery d, Endpoint e, AttemptOutcome outcome) {
        OutboundRequest request = recording.request(event, e, T0);
        return recording.record(d, event, e, request, T0, TOOK, outcome, T0.plusMillis(42));
    }

    private static AttemptOutcome status(int code) {
        return new AttemptOutcome.Response(code, Map.of(), "body", false);
    }

    @Test
    void theRequestCarriesTheEnvelopeIdTimestampAndSignatures() {
        OutboundRequest request = recording.request(event, endpoint, T0);
        assertEquals("https://hooks.example.com/x", request.url());
        assertEquals(event.id().value(), request.headers().get("webhook-id"));
        assertEquals(Long.toString(T0.getEpochSecond()), request.headers().get("webhook-timestamp"));
        assertTrue(request.headers().get("webhook-signature").startsWith("v1,"));
        assertTrue(request.headers().get("X-Webhook-Signature").startsWith("sha256="));
        assertEquals("Hookline/test", request.headers().get("User-Agent"));
        assertEquals(Duration.ofSeconds(5), request.timeout());
    }

    @Test
    void aTwoHundredSucceedsAndResetsHealth() {
        Recorded r = record(claimed(), endpoint, status(200));
        assertEquals(DeliveryStatus.SUCCEEDED, r.delivery().status());
        assertEquals(1, r.attempt().number());
        assertEquals(AttemptTrigger.SCHEDULED, r.attempt().trigger());
        assertEquals(DeliveryStatus.SUCCEEDED, r.health().orElseThrow().delivery(), "the endpoint's health learns a success");
    }

    @Test
    void aFailureWithRetriesLeftIsScheduledAfterTheFirstDelay() {
        Recorded r = record(claimed(), endpoint, status(500));
        assertEquals(DeliveryStatus.RETRYING, r.delivery().status());
        assertEquals(T0.plusMillis(42).plus(Duration.ofMinutes(1)), r.delivery().nextAttemptAt());
        assertEquals(500, r.delivery().lastStatusCode());
        assertEquals(DeliveryStatus.RETRYING, r.health().orElseThrow().delivery());
    }

    @Test
    void theLastAllowedFailureExhaustsTheDelivery() {
        Delivery d = claimed().retryAt(T0, 500, T0).claim(T0, T0.plusSeconds(60)).retryAt(T0, 500, T0)
                .claim(T0, T0.plusSeconds(60));
        Recorded r = record(d, endpoint, new AttemptOutcome.Failure(ErrorKind.TIMEOUT, "slow"));
        assertEquals(DeliveryStatus.FAILED, r.delivery().status());
        assertEquals(3, r.attempt().number());
        assertEquals(DeliveryStatus.FAILED, r.health().orElseThrow().delivery(), "a failure that exhausted the delivery");
    }

    @Test
    void goneDisablesTheEndpointAndHoldsTheDeliveryWithItsOthers() {
        Recorded r = record(claimed(), endpoint, status(410));
        assertEquals(DeliveryStatus.HELD, r.delivery().status(), "sent again when the endpoint is re-enabled");
        assertEquals(1, r.delivery().attempts());
        assertEquals(Disablement.Cause.GONE, r.autoDisable().orElseThrow().cause());
        Delivery lastChance = Delivery.create(account, event.id(), event.type(), endpoint.id(), true, 1, T0)
                .claim(T0, T0.plusSeconds(60));
        assertEquals(DeliveryStatus.FAILED, record(lastChance, endpoint, status(410)).delivery().status(),
                "with no attempt left it has failed");
    }

    @Test
    void aFailureForAnEndpointDisabledMeanwhileIsHeldInsteadOfRetried() {
        Endpoint disabled = endpoint.disable(Disablement.byMerchant(T0));
        Recorded r = record(claimed(), disabled, status(500));
        assertEquals(DeliveryStatus.HELD, r.delivery().status());
        assertTrue(r.autoDisable().isEmpty());
    }

    @Test
    void aManualAttemptOnARetryingDeliveryUsesUpNoScheduledRetryAndTheNextAttemptIsScheduledAgain() {
        // schedule 1 min, 5 min: three attempts in all, and the first one failed
        Delivery retrying = claimed().retryAt(T0.plusSeconds(60), 500, T0);
        Delivery manual = retrying.retryManually(T0.plusSeconds(10)).claim(T0.plusSeconds(10), T0.plusSeconds(70));
        Recorded r = record(manual, endpoint, status(500));
        assertEquals(AttemptTrigger.MANUAL, r.attempt().trigger());
        assertEquals(2, r.attempt().number());
        assertEquals(DeliveryStatus.RETRYING, r.delivery().status());
        assertEquals(T0.plusMillis(42).plus(Duration.ofMinutes(1)), r.delivery().nextAttemptAt(),
                "the schedule's first retry is still to come");
        assertEquals(AttemptTrigger.SCHEDULED, r.delivery().trigger(), "the next attempt is the schedule's");

        Instant later = T0.plus(Duration.ofHours(1));
        Recorded next = record(r.delivery().claim(later, later.plusSeconds(60)), endpoint, status(500));
        assertEquals(AttemptTrigger.SCHEDULED, next.attempt().trigger());
        assertEquals(T0.plusMillis(42).plus(Duration.ofMinutes(5)), next.delivery().nextAttemptAt());
        Recorded last = record(next.delivery().claim(later, later.plusSeconds(60)), endpoint, status(500));
        assertEquals(4, last.attempt().number(), "three scheduled attempts and the manual one");
        assertEquals(DeliveryStatus.FAILED, last.delivery().status());
    }

    @Test
    void aTestEventsAttemptLeavesTheEndpointsHealthAndTalliesAloneAndNeverDisablesIt() {
        Event test = new Event(EventId.generate(), account, event.type(), T0, "{}", Optional.empty(), Optional.empty(),
                Optional.empty(), true);
        Delivery d = Delivery.forTest(account, test.id(), test.type(), endpoint.id(), T0).claim(T0, T0.plusSeconds(60));
        Recorded r = recording.record(d, test, endpoint, recording.request(test, endpoint, T0), T0, TOOK, status(410),
                T0.plusMillis(42));
        assertEquals(DeliveryStatus.FAILED, r.delivery().status());
        assertEquals(AttemptTrigger.TEST, r.attempt().trigger());
        assertEquals(Optional.empty(), r.health());
        assertEquals(Optional.empty(), r.autoDisable());

        FakeDeliveries deliveries = new FakeDeliveries(new ArrayList<>(List.of(d)));
        FakeEndpointTallies tallies = new FakeEndpointTallies();
        List<Attempt> logged = new ArrayList<>();
        FakeEndpoints endpoints = new FakeEndpoints(new ArrayList<>(List.of(endpoint)));
        AttemptRecording.store(List.of(r), logTo(logged), deliveries, endpoints, tallies);
        assertEquals(1, logged.size(), "the attempt is in the test delivery's log");
        assertEquals(Map.of(), tallies.hours);
        assertEquals(endpoint, endpoints.findAll(List.of(endpoint.id())).get(endpoint.id()), "health and status unchanged");
    }

    @Test
    void anEndpointScheduleOverridesTheGlobalOne() {
        Endpoint own = new Endpoint(endpoint.id(), account, endpoint.url(), "", endpoint.filter(), endpoint.secrets(),
                null, endpoint.health(), null, new RetryPolicy(List.of(Duration.ofSeconds(10)), 0), T0, T0);
        Recorded r = record(claimed(), own, status(503));
        assertEquals(T0.plusMillis(42).plusSeconds(10), r.delivery().nextAttemptAt());
    }

    @Test
    void storingABatchTalliesEachEndpointsHourOnceWithItsAttemptsAndFinishedDeliveries() {
        Endpoint other = Endpoint.create(account, "https://hooks.example.com/y", "", new EventFilter.AllEvents(),
                SigningSecret.generate(new SecureRandom()), T0);
        Delivery ok = claimed();
        Delivery failing = claimed();
        Delivery gone = Delivery.create(account, event.id(), event.type(), other.id(), true, 3, T0)
                .claim(T0, T0.plusSeconds(60));
        List<Recorded> batch = List.of(record(ok, endpoint, status(204)), record(failing, endpoint, status(500)),
                record(gone, other, status(410)));
        Delivery waiting = Delivery.create(account, event.id(), event.type(), other.id(), true, 3, T0);
        FakeDeliveries deliveries = new FakeDeliveries(new ArrayList<>(List.of(ok, failing, gone, waiting)));
        List<Endpoint> endpointRows = new ArrayList<>(List.of(endpoint, other));
        FakeEndpoints endpoints = new FakeEndpoints(endpointRows);
        FakeEndpointTallies tallies = new FakeEndpointTallies();
        List<Attempt> logged = new ArrayList<>();
        Attempts attempts = logTo(logged);

        AttemptRecording.store(batch, attempts, deliveries, endpoints, tallies);

        assertEquals(3, logged.size());
        long hour = DeliveryTally.epochHour(T0);
        assertEquals(Map.of(
                new Hour(endpoint.id(), hour),
                new DeliveryTally(2, 1, 2 * TOOK.toMillis(), 1, 0),
                new Hour(other.id(), hour),
                new DeliveryTally(1, 0, TOOK.toMillis(), 0, 0)), tallies.hours);
        // 410: the endpoint is disabled and marked; the job holds its waiting deliveries, not this
        // transaction; the delivery answered 410 is held already (not finished: not counted failed)
        assertEquals(Disablement.Cause.GONE, endpointRows.get(1).disablement().cause());
        assertEquals(Set.of(other.id()), endpoints.switched(10).keySet());
        assertEquals(Map.of(DeliveryStatus.PENDING, 1L, DeliveryStatus.HELD, 1L), deliveries.countByStatus(other.id()));
    }

    @Test
    void anAttemptWhoseDeliveryWasDeletedMeanwhileIsLeftOutAndTheOthersStored() {
        Delivery kept = claimed();
        Delivery deleted = claimed(); // its endpoint was deleted while the attempt was in flight
        List<Delivery> stored = new ArrayList<>(List.of(kept));
        FakeDeliveries deliveries = new FakeDeliveries(stored);
        FakeEndpointTallies tallies = new FakeEndpointTallies();
        List<Attempt> logged = new ArrayList<>();

        AttemptRecording.store(List.of(record(kept, endpoint, status(200)), record(deleted, endpoint, status(200))),
                logTo(logged), deliveries, new FakeEndpoints(new ArrayList<>(List.of(endpoint))), tallies);

        assertEquals(List.of(kept.id()), logged.stream().map(Attempt::deliveryId).toList());
        assertEquals(List.of(DeliveryStatus.SUCCEEDED), stored.stream().map(Delivery::status).toList());
        assertEquals(new DeliveryTally(1, 1, TOOK.toMillis(), 1, 0),
                tallies.hours.get(new Hour(endpoint.id(), DeliveryTally.epochHour(T0))));
    }

    private static Attempts logTo(List<Attempt> logged) {
        return new Attempts() {
            @Override
            public void addAll(List<Attempt> added) {
                logged.addAll(added);
            }

            @Override
            public List<Attempt> ofDelivery(DeliveryId delivery) {
                return List.of();
            }
        };
    }
}
