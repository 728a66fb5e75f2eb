package dev.hookline.application.service;

import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.PublishEventUseCase;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.Accounts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.endpoint.Subscription;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.event.json.JsonNull;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Writes the event and its deliveries in one transaction (the outbox), then wakes the dispatchers.
 * Publishes arriving together share that transaction ({@link GroupCommit}). Deliveries this node's
 * dispatcher has room for are written claimed and handed to it after the commit ({@link Handover}).
 */
public final class PublishService implements PublishEventUseCase {

    private final Accounts accounts;
    private final EventTypes eventTypes;
    private final Endpoints endpoints;
    private final Events events;
    private final Deliveries deliveries;
    private final DispatchSignal signal;
    private final Handover handover;
    private final Clock clock;
    private final HooklineSettings settings;
    private final GroupCommit<Event, Result<Written>> groupCommit;
    // accounts and event types are never deleted, so once seen they need no look-up per publish
    private final KnownToExist<AccountId> knownAccounts = new KnownToExist<>(100_000);
    private final KnownToExist<EventTypeName> knownTypes = new KnownToExist<>(10_000);

    public PublishService(Accounts accounts, EventTypes eventTypes, Endpoints endpoints, Events events,
                          Deliveries deliveries, Transactions transactions, DispatchSignal signal, Handover handover,
                          Clock clock, HooklineSettings settings) {
        this.accounts = accounts;
        this.eventTypes = eventTypes;
        this.endpoints = endpoints;
        this.events = events;
        this.deliveries = deliveries;
        this.signal = signal;
        this.handover = handover;
        this.clock = clock;
        this.settings = settings;
        this.groupCommit = new GroupCommit<>(transactions, 64, this::writeAll, new GroupCommit.Outcome<>() {
            @Override
            public void committed(List<Result<Written>> results) {
                written(results).filter(w -> !w.claimed().isEmpty())
                        .forEach(w -> handover.handOver(w.published().event(), w.claimed()));
            }

            @Override
            public void rolledBack(List<Result<Written>> results) {
                written(results).forEach(w -> release(w.claimed()));
            }
        });
    }

    @Override
    public Result<PublishedEvent> publish(PublishEventCommand command) {
        Result<Event> event = newEvent(command);
        if (event instanceof Result.Rejected<Event> rejected) {
            return Result.rejected(rejected.problem());
        }
        Optional<Problem> unknown = unknown(event.orElseThrow());
        if (unknown.isPresent()) {
            return Result.rejected(unknown.get());
        }
        // concurrent publishes are written together (a rolled-back batch is written again one by one)
        return written(groupCommit.submit(event.orElseThrow()));
    }

    @Override
    public CompletableFuture<Result<PublishedEvent>> publishAsync(PublishEventCommand command, Executor lookUps) {
        Result<Event> checked = newEvent(command);
        if (checked instanceof Result.Rejected<Event> rejected) {
            return CompletableFuture.completedFuture(Result.rejected(rejected.problem()));
        }
        Event event = checked.orElseThrow();
        if (knownAccounts.knows(event.accountId()) && knownTypes.knows(event.type())) {
            return groupCommit.submitAsync(event).thenApply(this::written);
        }
        // the first publish for this account or type on this node: looked up where a thread may wait
        return CompletableFuture.supplyAsync(() -> unknown(event), lookUps).thenCompose(unknown -> unknown.isPresent()
                ? CompletableFuture.completedFuture(Result.<PublishedEvent>rejected(unknown.get()))
                : groupCommit.submitAsync(event).thenApply(this::written));
    }

    /** The event the command describes, stamped now, or what is wrong with the command. */
    private Result<Event> newEvent(PublishEventCommand command) {
        if (command.accountId() == null || command.accountId().isBlank()) {
            return Result.rejected(Problem.invalid("account_id", "account_id is required"));
        }
        if (!AccountId.isValid(command.accountId())) {
            return Result.rejected(Problem.unprocessable("account_id", "account_id is not an account id (acc_…)"));
        }
        if (command.type() == null || command.type().isBlank()) {
            return Result.rejected(Problem.invalid("type", "type is required"));
        }
        if (!EventTypeName.isValid(command.type())) {
            return Result.rejected(Problem.unprocessable("type",
                    "type must look like category.action (lower-case letters, digits, _), e.g. payment.succeeded"));
        }
        if (command.data() == null) {
            return Result.rejected(Problem.invalid("data", "data is required and must be a JSON object"));
        }
        if (!(command.data() instanceof JsonObject)) {
            return Result.rejected(Problem.invalid("data", "data must be a JSON object"));
        }
        Optional<Problem> optionalProblem = objectOrAbsent("previous_data", command.previousData())
                .or(() -> objectOrAbsent("entities", command.entities()));
        if (optionalProblem.isPresent()) {
            return Result.rejected(optionalProblem.get());
        }
        String key = command.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > Event.MAX_IDEMPOTENCY_KEY_LENGTH)) {
            return Result.rejected(Problem.invalid("Idempotency-Key",
                    "Idempotency-Key must be 1 to " + Event.MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
        }
        return Result.ok(new Event(EventId.generate(), new AccountId(command.accountId()),
                new EventTypeName(command.type()), clock.instant(), command.data().canonical(),
                canonical(command.previousData()), canonical(command.entities()), Optional.ofNullable(key), false));
    }

    /** Whether the event's account or type does not exist (looked up unless known to exist). */
    private Optional<Problem> unknown(Event event) {
        if (!knownAccounts.exists(event.accountId(), a -> accounts.find(a).isPresent())) {
            return Optional.of(Problem.unprocessable("account_id", "no account " + event.accountId()));
        }
        if (!knownTypes.exists(event.type(), t -> eventTypes.find(t).isPresent())) {
            return Optional.of(Problem.unprocessable("type", "unknown event type " + event.type()
                    + "; see GET /v1/event-types (operators add types with POST /v1/event-types)"));
        }
        return Optional.empty();
    }

    /** Wakes the dispatchers for the deliveries written due; the answer. */
    private Result<PublishedEvent> written(Result<Written> result) {
        if (result instanceof Result.Ok<Written> ok && !ok.value().dueFor().isEmpty()) {
            signal.deliveriesDue(ok.value().dueFor());
        }
        return result.map(Written::published);
    }

    /**
     * A publish as written: the answer, the endpoints its deliveries are due for now (none held), and
     * its deliveries written claimed for this node's dispatcher.
     */
    private record Written(PublishedEvent published, Set<EndpointId> dueFor, List<Delivery> claimed) {

        static Result<Written> replayed(Result<PublishedEvent> replay) {
            return replay.map(p -> new Written(p, Set.of(), List.of()));
        }
    }

    private static Stream<Written> written(List<Result<Written>> results) {
        return results.stream().filter(r -> r instanceof Result.Ok<Written>).map(r -> ((Result.Ok<Written>) r).value());
    }

    private void release(List<Delivery> claimed) {
        claimed.forEach(d -> handover.release(d.endpointId()));
    }

    /**
     * Writes a batch of new events with their deliveries, in the caller's transaction: each
     * statement once for the whole batch (events, then deliveries), subscriptions read once per
     * account. An event whose idempotency key was used before (earlier, concurrently, or earlier
     * in this batch) is answered with the first event instead.
     */
    private List<Result<Written>> writeAll(List<Event> batch) {
        List<Delivery> claimed = new ArrayList<>();
        try {
            return writeAll(batch, claimed);
        } catch (RuntimeException | Error e) {
            release(claimed);
            throw e;
        }
    }

    /** {@link #writeAll(List)}, adding each delivery it writes claimed to {@code claimed}. */
    private List<Result<Written>> writeAll(List<Event> batch, List<Delivery> claimed) {
        List<Result<Written>> results = new ArrayList<>(Collections.nCopies(batch.size(), null));
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Event event = batch.get(i);
            Optional<Event> first = event.idempotencyKey().isEmpty() ? Optional.empty()
                    : events.findByIdempotencyKey(event.accountId(), event.idempotencyKey().get());
            if (first.isPresent()) {
                results.set(i, Written.replayed(replay(first.get(), event)));
            } else {
                fresh.add(i);
            }
        }
        List<Boolean> added = events.addAll(fresh.stream().map(batch::get).toList());
        Map<AccountId, List<Subscription>> subscriptions =
                subscriptionsOf(fresh.stream().map(i -> batch.get(i).accountId()).distinct().toList());
        List<Delivery> fanOut = new ArrayList<>();
        for (int k = 0; k < fresh.size(); k++) {
            int i = fresh.get(k);
            Event event = batch.get(i);
            if (!added.get(k)) {
                // a concurrent publish with the same key (or one earlier in this batch) won the race
                results.set(i, Written.replayed(replay(events.findByIdempotencyKey(event.accountId(),
                        event.idempotencyKey().orElseThrow()).orElseThrow(), event)));
                continue;
            }
            int n = 0;
            Set<EndpointId> dueFor = new HashSet<>();
            List<Delivery> handedOver = new ArrayList<>();
            // the lease starts now, not when the event was stamped (never before it: a clock set back)
            Instant at = clock.instant();
            at = at.isBefore(event.createdAt()) ? event.createdAt() : at;
            for (Subscription subscription : subscriptions.get(event.accountId())) {
                if (subscription.accepts(event.type())) {
                    Delivery delivery = Delivery.create(event.accountId(), event.id(), event.type(),
                            subscription.endpoint(), subscription.enabled(),
                            subscription.attemptLimit(settings.retryPolicy()), event.createdAt());
                    n++;
                    if (subscription.enabled() && handover.reserve(subscription.endpoint())) {
                        delivery = delivery.claim(at, at.plus(settings.lease()));
                        handedOver.add(delivery);
                        claimed.add(delivery);
                    } else if (subscription.enabled()) {
                        dueFor.add(subscription.endpoint());
                    }
                    fanOut.add(delivery);
                }
            }
            results.set(i, Result.ok(new Written(new PublishedEvent(event, n, false), dueFor, handedOver)));
        }
        deliveries.addAll(fanOut);
        return results;
    }

    /**
     * The accounts' subscriptions, for this transaction. Disabled endpoints are locked and read
     * again: one enabled meanwhile would otherwise get HELD deliveries written after its enabling
     * transaction released the held ones, and nothing would ever release them. (An endpoint disabled
     * meanwhile may still get this batch's deliveries as PENDING: the dispatcher holds them when it
     * claims them.) One lock call for the whole batch, so rows are locked in one order (by id, as
     * the recorder writes endpoint health) and concurrent transactions cannot deadlock on them.
     */
    private Map<AccountId, List<Subscription>> subscriptionsOf(List<AccountId> accountIds) {
        Map<AccountId, List<Subscription>> all = new HashMap<>();
        List<EndpointId> disabled = new ArrayList<>();
        for (AccountId account : accountIds) {
            List<Subscription> subscriptions = endpoints.subscriptionsOf(account);
            all.put(account, subscriptions);
            subscriptions.stream().filter(s -> !s.enabled()).forEach(s -> disabled.add(s.endpoint()));
        }
        if (disabled.isEmpty()) {
            return all;
        }
        Set<EndpointId> enabledNow = endpoints.lockEnabled(disabled);
        all.replaceAll((account, subscriptions) -> subscriptions.stream()
                .map(s -> s.enabled() || !enabledNow.contains(s.endpoint()) ? s
                        : new Subscription(s.endpoint(), s.filter(), true, s.retryPolicy()))
                .toList());
        return all;
    }

    /**
     * A repeated idempotency key returns the first event and its deliveries, but only for the same request: the
     * same key with another type or payload is a client bug that must not pass silently (409).
     */
    private Result<PublishedEvent> replay(Event first, Event repeat) {
        boolean same = first.type().equals(repeat.type()) && first.data().equals(repeat.data())
                && first.previousData().equals(repeat.previousData()) && first.entities().equals(repeat.entities());
        if (!same) {
            return Result.rejected(new Problem(Problem.Kind.CONFLICT, "Idempotency-Key", "Idempotency-Key "
                    + repeat.idempotencyKey().orElseThrow() + " was already used for event " + first.id()
                    + " with a different type or payload; use a new key for a new event"));
        }
        // the first answer again: a producer retrying after a timeout learns where its event went
        return Result.ok(new PublishedEvent(first, deliveries.countOfEvent(first.id()), true));
    }

    private static Optional<Problem> objectOrAbsent(String field, JsonValue value) {
        if (value == null || value instanceof JsonObject || value instanceof JsonNull) {
            return Optional.empty();
        }
        return Optional.of(Problem.invalid(field, field + " must be a JSON object when given"));
    }

    private static Optional<String> canonical(JsonValue value) {
        return Optional.ofNullable(value).filter(JsonObject.class::isInstance).map(JsonValue::canonical);
    }
}
