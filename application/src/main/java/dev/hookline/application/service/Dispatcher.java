package dev.hookline.application.service;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.application.service.AttemptRecording.Recorded;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EventId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Claims due deliveries in batches, sends them with bounded concurrency (globally and per
 * endpoint, so a slow endpoint never holds up the others) and records attempts in batched
 * transactions. Two threads: the claimer and the recorder; HTTP runs on the sender's own threads.
 * No HTTP call happens inside a transaction.
 */
public final class Dispatcher implements DispatchDeliveriesUseCase {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(500);

    private final Deliveries deliveries;
    private final Events events;
    private final Endpoints endpoints;
    private final Attempts attempts;
    private final WebhookSender sender;
    private final Transactions transactions;
    private final Clock clock;
    private final HooklineSettings settings;
    private final AttemptRecording recording;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<EndpointId, AtomicInteger> inFlightPerEndpoint = new ConcurrentHashMap<>();
    private final Map<EndpointId, RateGate> rateGates = new HashMap<>();
    private final Map<EndpointId, Instant> rateLimitedUntil = new HashMap<>();
    private final LinkedBlockingQueue<Recorded> completed = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread claimer;
    private Thread recorder;

    public Dispatcher(Deliveries deliveries, Events events, Endpoints endpoints, Attempts attempts,
                      WebhookSender sender, Transactions transactions, Clock clock, HooklineSettings settings) {
        this.deliveries = deliveries;
        this.events = events;
        this.endpoints = endpoints;
        this.attempts = attempts;
        this.sender = sender;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
        this.recording = new AttemptRecording(settings, new java.util.Random());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        claimer = new Thread(this::claimLoop, "hookline-dispatcher");
        recorder = new Thread(this::recordLoop, "hookline-recorder");
        claimer.setDaemon(true);
        recorder.setDaemon(true);
        claimer.start();
        recorder.start();
    }

    @Override
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        Thread c;
        Thread r;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            c = claimer;
            r = recorder;
        }
        wake();
        join(c, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + settings.timeout().plusSeconds(2).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        r.interrupt();
        join(r, Duration.ofSeconds(5));
    }

    /** Attempts sent but not yet recorded. */
    public int inFlight() {
        return inFlight.get();
    }

    private void claimLoop() {
        while (running) {
            try {
                int free = settings.maxInFlight() - inFlight.get();
                int claimed = free <= 0 ? 0 : claimAndSend(Math.min(free, settings.batchSize()));
                if (claimed == 0 || inFlight.get() >= settings.maxInFlight()) {
                    awaitWake(IDLE_POLL);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming deliveries failed; trying again shortly", e);
                awaitWake(ERROR_BACKOFF);
            }
        }
    }

    private int claimAndSend(int limit) {
        Instant now = clock.instant();
        Set<EndpointId> saturated = inFlightPerEndpoint.entrySet().stream()
                .filter(e -> e.getValue().get() >= settings.maxInFlightPerEndpoint())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
        rateLimitedUntil.values().removeIf(until -> !until.isAfter(now));
        saturated.addAll(rateLimitedUntil.keySet());
        Instant leaseUntil = now.plus(settings.lease());
        List<Delivery> batch = transactions.inTransaction(
                () -> deliveries.claimDue(now, leaseUntil, limit, saturated));
        if (batch.isEmpty()) {
            return 0;
        }
        Map<EventId, Event> eventsById = events.findAll(batch.stream().map(Delivery::eventId).toList());
        Map<EndpointId, Endpoint> endpointsById =
                endpoints.findAll(batch.stream().map(Delivery::endpointId).collect(Collectors.toSet()));
        List<Delivery> handBack = new ArrayList<>();
        for (Delivery delivery : batch) {
            Endpoint endpoint = endpointsById.get(delivery.endpointId());
            Event event = eventsById.get(delivery.eventId());
            if (endpoint == null || event == null) {
                continue; // deleted meanwhile: its deliveries went with it
            }
            if (!endpoint.enabled()) {
                handBack.add(delivery.hold(now));
                continue;
            }
            long wait = rateWait(endpoint);
            if (wait > 0) {
                Instant dueAt = now.plusNanos(wait);
                rateLimitedUntil.put(endpoint.id(), dueAt);
                handBack.add(delivery.handBack(dueAt, now));
                continue;
            }
            AtomicInteger perEndpoint = inFlightPerEndpoint.computeIfAbsent(endpoint.id(), id -> new AtomicInteger());
            if (perEndpoint.incrementAndGet() > settings.maxInFlightPerEndpoint()) {
                perEndpoint.decrementAndGet();
                handBack.add(delivery.handBack(now.plusMillis(50), now));
                continue;
            }
            inFlight.incrementAndGet();
            send(delivery, event, endpoint);
        }
        if (!handBack.isEmpty()) {
            transactions.run(() -> deliveries.completeAll(handBack));
        }
        return batch.size();
    }

    private long rateWait(Endpoint endpoint) {
        if (endpoint.rateLimit() == null) {
            rateGates.remove(endpoint.id());
            return 0;
        }
        long nowNanos = System.nanoTime();
        RateGate gate = rateGates.get(endpoint.id());
        if (gate == null || !gate.sameRate(endpoint.rateLimit())) {
            gate = new RateGate(endpoint.rateLimit(), nowNanos);
            rateGates.put(endpoint.id(), gate);
        }
        return gate.tryTake(nowNanos);
    }

    private void send(Delivery delivery, Event event, Endpoint endpoint) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        OutboundRequest request = recording.request(event, endpoint, startedAt);
        try {
            sender.send(request).whenComplete((outcome, error) -> {
                AttemptOutcome result = outcome != null ? outcome
                        : new AttemptOutcome.Failure(ErrorKind.CONNECT, String.valueOf(error));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                completed.add(recording.record(delivery, endpoint, request, startedAt, took, result, clock.instant()));
            });
        } catch (RuntimeException e) {
            completed.add(recording.record(delivery, endpoint, request, startedAt, Duration.ZERO,
                    new AttemptOutcome.Failure(ErrorKind.CONNECT, e.toString()), clock.instant()));
        }
    }

    private void recordLoop() {
        List<Recorded> batch = new ArrayList<>();
        while (running || inFlight.get() > 0) {
            try {
                if (batch.isEmpty()) {
                    Recorded first = completed.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    completed.drainTo(batch, settings.batchSize() * 4 - 1);
                }
                List<Recorded> toStore = batch;
                transactions.run(() -> AttemptRecording.store(toStore, attempts, deliveries, endpoints, clock.instant()));
                for (Recorded r : batch) {
                    inFlightPerEndpoint.get(r.delivery().endpointId()).decrementAndGet();
                    inFlight.decrementAndGet();
                }
                batch = new ArrayList<>();
                wake();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // keep the batch and try again: nothing is lost, leases cover a crash meanwhile
                LOG.log(Level.WARNING, "recording " + batch.size() + " attempts failed; trying again shortly", e);
                sleep(ERROR_BACKOFF);
            }
        }
    }

    private void awaitWake(Duration max) {
        lock.lock();
        try {
            if (!woken && running) {
                wakeUp.await(max.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t, Duration max) {
        try {
            t.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
