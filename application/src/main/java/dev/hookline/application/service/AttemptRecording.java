package dev.hookline.application.service;

import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.Endpoints.HealthChange;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.WireEnvelope;
import dev.hookline.domain.retry.RetryDecision;
import dev.hookline.domain.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What one attempt means, shared by the dispatcher and test events: the signed request to send,
 * and, once the answer is in, the new delivery state, the attempt row and the endpoint's health.
 */
final class AttemptRecording {

    /** The result of one attempt, ready to be stored. */
    /**
     * An attempt and the delivery's state after it; {@code health} (the endpoint's health, "last
     * delivery" and hourly tallies) is empty for a test event, which shows in its own log but must
     * not affect the endpoint (seed 001: "Test events … won't affect your real data").
     */
    record Recorded(Delivery delivery, Attempt attempt, Optional<HealthChange> health, Optional<Disablement> autoDisable) {
    }

    private final HooklineSettings settings;
    private final RandomGenerator random;

    AttemptRecording(HooklineSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** The POST for a claimed delivery: envelope body, fresh timestamp, signatures of every live secret. */
    OutboundRequest request(Event event, Endpoint endpoint, Instant now) {
        byte[] body = WireEnvelope.bytes(event);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", settings.userAgent());
        headers.put("webhook-id", event.id().value());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.putAll(settings.signer().sign(event.id().value(), timestamp, body, endpoint.secrets().live(now)));
        return new OutboundRequest(endpoint.url(), headers, body, settings.timeout());
    }

    /** The delivery's next state after {@code outcome}, following the retry policy of the endpoint. */
    Recorded record(Delivery claimed, Event event, Endpoint endpoint, OutboundRequest request, Instant startedAt,
                    Duration took, AttemptOutcome outcome, Instant now) {
        Attempt attempt = new Attempt(AttemptId.generate(), claimed.id(), claimed.attempts() + 1, claimed.trigger(),
                startedAt, took, request.headers(), outcome);
        Integer status = outcome.statusCode().orElse(null);
        Delivery next;
        Optional<Disablement> disable = event.test() ? Optional.empty() : settings.autoDisable().afterAttempt(status, now);
        if (outcome.succeeded()) {
            next = claimed.succeeded(status, now);
        } else if (claimed.isLastAttempt()) {
            next = claimed.failed(status, now);
        } else if (disable.isPresent() && endpoint.enabled()) {
            // a 410 disables the endpoint: this delivery waits with the endpoint's others and is sent
            // again once the merchant re-enables it (it used to fail for good, with retries left)
            next = claimed.retryAt(now, status, now).hold(now);
        } else {
            RetryPolicy policy = endpoint.retryPolicy() != null ? endpoint.retryPolicy() : settings.retryPolicy();
            RetryDecision decision = policy.afterFailure(claimed.scheduledAttemptNumber(policy.maxAttempts()), outcome,
                    now, random);
            if (decision instanceof RetryDecision.RetryAt at) {
                next = claimed.retryAt(at.at(), status, now);
                if (!endpoint.enabled()) {
                    next = next.hold(now);
                }
            } else {
                next = claimed.failed(status, now);
            }
        }
        if (event.test()) {
            return new Recorded(next, attempt, Optional.empty(), Optional.empty());
        }
        HealthChange health = new HealthChange(endpoint.id(), next.status(), now);
        return new Recorded(next, attempt, Optional.of(health), endpoint.enabled() ? disable : Optional.empty());
    }

    /**
     * Stores a batch of attempts in the caller's transaction: attempt rows, delivery states
     * (only where still SENDING), endpoint health and hourly tallies, and disables endpoints that
     * answered 410.
     */
    static void store(List<Recorded> batch, Attempts attempts, Deliveries deliveries, Endpoints endpoints,
                      EndpointTallies tallies) {
        List<Delivery> states = batch.stream().map(Recorded::delivery).toList();
        List<Recorded> live = batch;
        if (deliveries.completeAll(states) < states.size()) {
            // some were no longer SENDING: a lease lost to another node (the attempt is logged all the
            // same), or deleted with their endpoint while in flight (nothing is left to log it against)
            Set<DeliveryId> existing = deliveries.existing(states.stream().map(Delivery::id).toList());
            live = batch.stream().filter(r -> existing.contains(r.delivery().id())).toList();
        }
        List<Attempt> rows = new ArrayList<>(live.size());
        List<HealthChange> health = new ArrayList<>(live.size());
        Map<EndpointTallies.Hour, DeliveryTally> counts = new LinkedHashMap<>();
        Map<EndpointId, Disablement> disable = new LinkedHashMap<>();
        for (Recorded r : live) {
            rows.add(r.attempt());
            r.health().ifPresent(h -> {
                health.add(h);
                counts.merge(new EndpointTallies.Hour(h.endpoint(), DeliveryTally.epochHour(r.attempt().startedAt())),
                        DeliveryTally.of(r.attempt(), r.delivery().status()), DeliveryTally::plus);
                r.autoDisable().ifPresent(d -> disable.putIfAbsent(h.endpoint(), d));
            });
        }
        attempts.addAll(rows);
        endpoints.recordHealth(health);
        tallies.add(counts);
        if (!disable.isEmpty()) {
            Map<EndpointId, Endpoint> current = endpoints.findAll(disable.keySet());
            disable.forEach((id, why) -> {
                Endpoint endpoint = current.get(id);
                if (endpoint != null && endpoint.enabled()) {
                    endpoints.update(endpoint.disable(why));
                    endpoints.markSwitched(id); // the job holds its waiting deliveries, not this transaction
                }
            });
        }
    }
}
