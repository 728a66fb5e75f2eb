package dev.hookline.application.service;

import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.SendTestEventUseCase;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.application.service.AttemptRecording.Recorded;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends an event type's sample to one endpoint now (even a disabled one: the merchant asked for
 * it) and answers with the attempt. The test event and its delivery are stored like any other,
 * marked {@code "test":true}, so the attempt shows in the delivery log.
 */
public final class TestEventService implements SendTestEventUseCase {

    private final Endpoints endpoints;
    private final EndpointTallies tallies;
    private final EventTypes eventTypes;
    private final Events events;
    private final Deliveries deliveries;
    private final Attempts attempts;
    private final WebhookSender sender;
    private final Transactions transactions;
    private final Clock clock;
    private final HooklineSettings settings;
    private final AttemptRecording recording;

    public TestEventService(Endpoints endpoints, EndpointTallies tallies, EventTypes eventTypes, Events events,
                            Deliveries deliveries, Attempts attempts, WebhookSender sender, Transactions transactions,
                            Clock clock, HooklineSettings settings) {
        this.endpoints = endpoints;
        this.tallies = tallies;
        this.eventTypes = eventTypes;
        this.events = events;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.sender = sender;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.recording = new AttemptRecording(settings, new java.util.Random());
    }

    @Override
    public Result<TestResult> send(AccountId account, String endpointId, String eventType) {
        if (endpointId == null || endpointId.isBlank()) {
            return Result.rejected(Problem.invalid("webhook_id", "webhook_id is required"));
        }
        if (eventType == null || eventType.isBlank()) {
            return Result.rejected(Problem.invalid("event_type", "event_type is required"));
        }
        Optional<Endpoint> found = EndpointId.isValid(endpointId)
                ? endpoints.find(account, new EndpointId(endpointId)) : Optional.empty();
        if (found.isEmpty()) {
            return Result.rejected(Problem.notFound("webhook_id", "webhook " + endpointId));
        }
        Optional<EventType> type = EventTypeName.isValid(eventType)
                ? eventTypes.find(new EventTypeName(eventType)) : Optional.empty();
        if (type.isEmpty()) {
            return Result.rejected(Problem.unprocessable("event_type", "unknown event type " + eventType));
        }
        Endpoint endpoint = found.get();
        Instant now = clock.instant();
        Event event = new Event(EventId.generate(), account, type.get().name(), now, type.get().sample(),
                Optional.empty(), Optional.empty(), Optional.empty(), true);
        Delivery claimed = Delivery.forTest(account, event.id(), event.type(), endpoint.id(), now)
                .claim(now, now.plus(settings.lease()));
        transactions.run(() -> {
            events.add(event);
            deliveries.addAll(List.of(claimed));
        });
        OutboundRequest request = recording.request(event, endpoint, now);
        long start = System.nanoTime();
        AttemptOutcome outcome = await(request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Recorded recorded = recording.record(claimed, event, endpoint, request, now, took, outcome, clock.instant());
        transactions.run(() -> AttemptRecording.store(List.of(recorded), attempts, deliveries, endpoints, tallies));
        return Result.ok(new TestResult(recorded.delivery(), recorded.attempt()));
    }

    private AttemptOutcome await(OutboundRequest request) {
        try {
            return sender.send(request).get(settings.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new AttemptOutcome.Failure(ErrorKind.TIMEOUT, "no response within " + settings.timeout().toSeconds()
                    + "s");
        } catch (ExecutionException e) {
            return new AttemptOutcome.Failure(ErrorKind.CONNECT, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptOutcome.Failure(ErrorKind.CONNECT, "interrupted");
        }
    }
}
