package dev.hookline.application.service;

import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.event.WireEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The delivery log, and manual retries of failed deliveries. */
public final class DeliveryService implements DeliveryQueries, RetryDeliveryUseCase {

    private final Deliveries deliveries;
    private final Events events;
    private final Endpoints endpoints;
    private final Attempts attempts;
    private final EndpointTallies tallies;
    private final Transactions transactions;
    private final DispatchSignal signal;
    private final Clock clock;

    public DeliveryService(Deliveries deliveries, Events events, Endpoints endpoints, Attempts attempts,
                           EndpointTallies tallies, Transactions transactions, DispatchSignal signal, Clock clock) {
        this.deliveries = deliveries;
        this.events = events;
        this.endpoints = endpoints;
        this.attempts = attempts;
        this.tallies = tallies;
        this.transactions = transactions;
        this.signal = signal;
        this.clock = clock;
    }

    @Override
    public Result<Page<Delivery>> list(AccountId account, DeliveryLogQuery query) {
        Optional<Endpoint> endpoint = endpoint(account, query.endpointId());
        if (endpoint.isEmpty()) {
            return Result.rejected(Problem.notFound("webhook " + query.endpointId()));
        }
        DeliveryStatus status = null;
        if (query.status() != null && !query.status().isBlank()) {
            try {
                status = DeliveryStatus.valueOf(query.status().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Result.rejected(Problem.invalid("status", "status must be one of "
                        + Arrays.stream(DeliveryStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
            }
        }
        EventTypeName type = null;
        if (query.eventType() != null && !query.eventType().isBlank()) {
            if (!EventTypeName.isValid(query.eventType())) {
                return Result.rejected(Problem.invalid("event_type", "event_type is not an event type name"));
            }
            type = new EventTypeName(query.eventType());
        }
        int limit = query.limit() == null ? PageRequest.DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            return Result.rejected(Problem.invalid("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT));
        }
        String cursor = query.cursor() == null || query.cursor().isBlank() ? null : query.cursor();
        if (cursor != null && !DeliveryId.isValid(cursor)) {
            return Result.rejected(Problem.invalid("cursor", "cursor is not one this API returned"));
        }
        return Result.ok(deliveries.ofEndpoint(account, endpoint.get().id(), new Deliveries.Filter(status, type),
                new PageRequest(cursor, limit)));
    }

    @Override
    public Result<DeliveryDetails> get(AccountId account, String deliveryId) {
        Optional<Delivery> delivery = delivery(account, deliveryId);
        if (delivery.isEmpty()) {
            return Result.rejected(Problem.notFound("delivery " + deliveryId));
        }
        Delivery d = delivery.get();
        Event event = events.find(account, d.eventId()).orElseThrow();
        String url = endpoints.find(account, d.endpointId()).map(Endpoint::url).orElse("");
        return Result.ok(new DeliveryDetails(d, event, url, WireEnvelope.json(event), attempts.ofDelivery(d.id())));
    }

    @Override
    public Result<Delivery> retry(AccountId account, String deliveryId) {
        Result<Delivery> result = transactions.inTransaction(() -> {
            Optional<Delivery> found = delivery(account, deliveryId);
            if (found.isEmpty()) {
                return Result.rejected(Problem.notFound("delivery " + deliveryId));
            }
            Delivery delivery = found.get();
            if (!delivery.status().canBeRetriedNow()) {
                return Result.rejected(Problem.conflict("delivery " + deliveryId + " is "
                        + delivery.status().name().toLowerCase(Locale.ROOT)
                        + "; only failed, expired or retrying deliveries can be retried"));
            }
            Optional<Endpoint> endpoint = endpoints.find(account, delivery.endpointId());
            if (endpoint.isPresent() && !endpoint.get().enabled()) {
                return Result.rejected(Problem.conflict("the webhook is disabled; enable it to retry deliveries"));
            }
            // a failed delivery is counted in the success rate by its latest outcome only
            Map<EndpointTallies.Hour, Long> counted = deliveries.countedFailure(delivery.id());
            Delivery retried = delivery.retryManually(clock.instant());
            if (!deliveries.update(retried, delivery.status())) {
                return Result.rejected(Problem.conflict("delivery " + deliveryId + " changed meanwhile; try again"));
            }
            tallies.withdrawFailures(counted);
            return Result.ok(retried);
        });
        if (result instanceof Result.Ok<Delivery>) {
            signal.deliveriesDue();
        }
        return result;
    }

    @Override
    public Result<Integer> recover(AccountId account, String endpointId, Instant since) {
        if (since == null) {
            return Result.rejected(Problem.invalid("since", "since is required (an ISO-8601 time)"));
        }
        Instant now = clock.instant();
        if (since.isAfter(now)) {
            return Result.rejected(Problem.invalid("since", "since must not be in the future"));
        }
        Result<Integer> result = transactions.inTransaction(() -> {
            Optional<Endpoint> endpoint = endpoint(account, endpointId);
            if (endpoint.isEmpty()) {
                return Result.rejected(Problem.notFound("webhook " + endpointId));
            }
            if (!endpoint.get().enabled()) {
                return Result.rejected(Problem.conflict("the webhook is disabled; enable it to recover deliveries"));
            }
            tallies.withdrawFailures(deliveries.countedFailures(endpoint.get().id(), since));
            return Result.ok(deliveries.retryFailed(endpoint.get().id(), since, now));
        });
        if (result instanceof Result.Ok<Integer> ok && ok.value() > 0) {
            signal.deliveriesDue();
        }
        return result;
    }

    private Optional<Endpoint> endpoint(AccountId account, String endpointId) {
        return EndpointId.isValid(endpointId) ? endpoints.find(account, new EndpointId(endpointId)) : Optional.empty();
    }

    private Optional<Delivery> delivery(AccountId account, String deliveryId) {
        return DeliveryId.isValid(deliveryId) ? deliveries.find(account, new DeliveryId(deliveryId)) : Optional.empty();
    }
}
