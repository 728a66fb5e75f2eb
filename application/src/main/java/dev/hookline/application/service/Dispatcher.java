package dev.hookline.application.service;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.EndpointTallies;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
    private final EndpointTallies tallies;
    private final Attempts attempts;
    private final WebhookSender sender;
    private final Transactions transactions;
    private final Clock clock;
    private final HooklineSettings settings;
    private final AttemptRecording recording;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<EndpointId, AtomicInteger> inFlightPerEndpoint = new ConcurrentHashMap<>();
    private final Map<EndpointId, RateGate> rateGates = new HashMap<>();
    private final Map<EndpointId, Instant> rateLimitedUntil = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Recorded> completed = new LinkedBlockingQueue<>();
    /** Claimed deliveries waiting for a free slot of their endpoint (claimer thread only). */
    private final Map<EndpointId, ArrayDeque<Parked>> parked = new HashMap<>();
    private volatile int parkedCount;
    /** How often the endpoints of parked deliveries are read again, and when they last were. */
    private static final Duration PARKED_RECHECK = Duration.ofSeconds(1);
    private Instant parkedCheckedAt = Instant.EPOCH;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread claimer;
    private Thread recorder;

    public Dispatcher(Deliveries deliveries, Events events, Endpoints endpoints, EndpointTallies tallies,
                      Attempts attempts, WebhookSender sender, Transactions transactions, Clock clock,
                      HooklineSettings settings) {
        this.deliveries = deliveries;
        this.events = events;
        this.endpoints = endpoints;
        this.tallies = tallies;
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

    private record Parked(Delivery delivery, Event event, Endpoint endpoint, Instant claimedAt) {
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
        if (!c.isAlive()) {
            handBackParked(clock.instant());
        }
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
                sendParked(clock.instant());
                int free = settings.maxInFlight() - inFlight.get() - parkedCount;
                int limit = Math.max(0, Math.min(free, settings.batchSize()));
                int claimed = limit == 0 ? 0 : claimAndSend(limit);
                // fewer than asked for: nothing else is due now, so do not claim again at once (an
                // empty claim is a transaction per delivery at moderate load); a publish, a finished
                // send or the poll wakes us, and a wake during the claim is not lost (woken flag)
                if (claimed < limit || limit == 0 || inFlight.get() >= settings.maxInFlight()) {
                    awaitWake(IDLE_POLL);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming deliveries failed; trying again shortly", e);
                awaitWake(ERROR_BACKOFF);
            }
        }
    }

    /**
     * Claims up to {@code limit} deliveries and sends them: a quarter of the
     * batch most recently due first (fresh events never queue behind a backlog that became due at
     * once), the rest oldest due first. A delivery beyond its endpoint's concurrency waits here,
     * claimed, until a slot frees, rather than going back to the database to be claimed again.
     */
    private int claimAndSend(int limit) {
        Instant started = clock.instant();
        Set<EndpointId> saturated = inFlightPerEndpoint.entrySet().stream()
                .filter(e -> e.getValue().get() >= settings.maxInFlightPerEndpoint())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
        rateLimitedUntil.values().removeIf(until -> !until.isAfter(started));
        saturated.addAll(rateLimitedUntil.keySet());
        int newest = Math.max(1, limit / 4);
        int all = limit;
        Instant[] claimedAt = new Instant[1];
        List<Delivery> batch = transactions.inTransaction(() -> {
            // the lease starts when the claim is written, not before the wait for a connection (up to
            // the pool's timeout while the database is away): a lease used up by that wait let this
            // node claim and send the same delivery again
            Instant at = clock.instant();
            claimedAt[0] = at;
            Instant leaseUntil = at.plus(settings.lease());
            List<Delivery> claimed = new ArrayList<>(deliveries.claimNewestDue(at, leaseUntil, newest, saturated));
            claimed.addAll(deliveries.claimDue(at, leaseUntil, all - claimed.size(), saturated));
            return claimed;
        });
        if (batch.isEmpty()) {
            return 0;
        }
        Instant now = claimedAt[0];
        Map<EventId, Event> eventsById = events.findAll(batch.stream().map(Delivery::eventId).toList());
        Map<EndpointId, Endpoint> endpointsById =
                endpoints.findAll(batch.stream().map(Delivery::endpointId).collect(Collectors.toSet()));
        List<Delivery> handBack = new ArrayList<>();
        for (Delivery delivery : batch) {
            Endpoint endpoint = endpointsById.get(delivery.endpointId());
            Event event = eventsById.get(delivery.eventId());
            if (event == null) {
                continue; // purged meanwhile: its deliveries went with it
            }
            if (endpoint == null || !endpoint.enabled()) {
                // disabled, or deleted (its deliveries are deleted by the housekeeping job): not
                // claimed again meanwhile
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
            ArrayDeque<Parked> waiting = parked.get(endpoint.id());
            if ((waiting != null && !waiting.isEmpty()) || !trySend(delivery, event, endpoint)) {
                parked.computeIfAbsent(endpoint.id(), id -> new ArrayDeque<>())
                        .addLast(new Parked(delivery, event, endpoint, now));
                parkedCount++;
            }
        }
        if (!handBack.isEmpty()) {
            transactions.run(() -> deliveries.completeAll(handBack));
        }
        return batch.size();
    }

    /**
     * Sends if the endpoint has a free slot; false when it has none (the caller parks the delivery).
     * A delivery whose lease would run out before its attempt could time out is not sent (true: dealt
     * with): after a stall (a pause, a slow database) it may already be claimed again, here or by
     * another node, and it is claimable again once its lease has run out.
     */
    private boolean trySend(Delivery delivery, Event event, Endpoint endpoint) {
        Instant latestEnd = clock.instant().plus(settings.timeout());
        if (delivery.leaseUntil() == null || !delivery.leaseUntil().isAfter(latestEnd)) {
            LOG.warning(() -> "not sending " + delivery.id().value() + ": its lease ends at " + delivery.leaseUntil()
                    + ", before its attempt could end; it is due again then");
            return true;
        }
        AtomicInteger perEndpoint = inFlightPerEndpoint.computeIfAbsent(endpoint.id(), id -> new AtomicInteger());
        if (perEndpoint.incrementAndGet() > settings.maxInFlightPerEndpoint()) {
            perEndpoint.decrementAndGet();
            return false;
        }
        inFlight.incrementAndGet();
        send(delivery, event, endpoint);
        return true;
    }

    /**
     * Sends parked deliveries into free endpoint slots, oldest first; one parked for half its lease
     * goes back to the database (due now) so its lease never runs out while it waits here. At most
     * once per {@link #PARKED_RECHECK} the parked deliveries' endpoints are read again (one query):
     * those of an endpoint disabled or deleted since they were claimed are held instead of sent,
     * and the others go out with the endpoint as it is now (a new URL or secret).
     */
    private void sendParked(Instant now) {
        if (parkedCount == 0) {
            return;
        }
        Map<EndpointId, Endpoint> current = null;
        if (!now.isBefore(parkedCheckedAt.plus(PARKED_RECHECK))) {
            parkedCheckedAt = now;
            current = endpoints.findAll(List.copyOf(parked.keySet()));
        }
        Instant stale = now.minus(settings.lease().dividedBy(2));
        List<Delivery> handBack = new ArrayList<>();
        for (Iterator<Map.Entry<EndpointId, ArrayDeque<Parked>>> it = parked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<EndpointId, ArrayDeque<Parked>> entry = it.next();
            ArrayDeque<Parked> waiting = entry.getValue();
            Endpoint fresh = current == null ? null : current.get(entry.getKey());
            if (current != null && (fresh == null || !fresh.enabled())) {
                waiting.forEach(p -> handBack.add(p.delivery().hold(now)));
                parkedCount -= waiting.size();
                it.remove();
                continue;
            }
            while (!waiting.isEmpty()) {
                Parked p = waiting.peekFirst();
                if (p.claimedAt().isBefore(stale)) {
                    handBack.add(p.delivery().handBack(now, now));
                } else if (!trySend(p.delivery(), p.event(), fresh != null ? fresh : p.endpoint())) {
                    break;
                }
                waiting.pollFirst();
                parkedCount--;
            }
            if (waiting.isEmpty()) {
                it.remove();
            }
        }
        if (!handBack.isEmpty()) {
            transactions.run(() -> deliveries.completeAll(handBack));
        }
    }

    /** On stop: parked deliveries go back to the database, due now, for whichever node runs next. */
    private void handBackParked(Instant now) {
        List<Delivery> handBack = new ArrayList<>();
        parked.values().forEach(waiting -> waiting.forEach(p -> handBack.add(p.delivery().handBack(now, now))));
        parked.clear();
        parkedCount = 0;
        if (!handBack.isEmpty()) {
            try {
                transactions.run(() -> deliveries.completeAll(handBack));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handing back " + handBack.size() + " claimed deliveries failed; their"
                        + " leases expire and another dispatcher takes them", e);
            }
        }
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
                completed.add(recording.record(delivery, event, endpoint, request, startedAt, took, result, clock.instant()));
            });
        } catch (RuntimeException e) {
            completed.add(recording.record(delivery, event, endpoint, request, startedAt, Duration.ZERO,
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
                batch = storeRecorded(batch);
                if (!batch.isEmpty()) {
                    sleep(ERROR_BACKOFF);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stores the batch in one transaction or, if that fails, each attempt in its own, so that one
     * that cannot be stored does not hold up the others. Returns those left to try again: nothing is
     * lost, and leases cover a crash meanwhile.
     */
    private List<Recorded> storeRecorded(List<Recorded> batch) {
        try {
            store(batch);
            return new ArrayList<>();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording " + batch.size() + " attempts failed; trying again"
                    + (batch.size() > 1 ? " one by one" : " shortly"), e);
        }
        List<Recorded> left = new ArrayList<>();
        if (batch.size() > 1) {
            for (Recorded r : batch) {
                try {
                    store(List.of(r));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "recording the attempt of " + r.delivery().id().value()
                            + " failed; trying again shortly", e);
                    left.add(r);
                }
            }
        } else {
            left.addAll(batch);
        }
        return left;
    }

    private void store(List<Recorded> batch) {
        transactions.run(() -> AttemptRecording.store(batch, attempts, deliveries, endpoints, tallies));
        // the claimer waits for a wake only when it was out of slots: wake it when slots freed
        // where it lacked them (otherwise every recorded batch would cost it an empty claim)
        boolean slotsWereShort = inFlight.get() >= settings.maxInFlight() || parkedCount > 0
                || !rateLimitedUntil.isEmpty();
        for (Recorded r : batch) {
            int before = inFlightPerEndpoint.get(r.delivery().endpointId()).getAndDecrement();
            slotsWereShort |= before >= settings.maxInFlightPerEndpoint();
            inFlight.decrementAndGet();
        }
        if (slotsWereShort) {
            wake();
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
