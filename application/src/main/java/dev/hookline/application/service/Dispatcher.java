package dev.hookline.application.service;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Deliveries.HeldClaim;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * No HTTP call happens inside a transaction. Fresh deliveries it has room for come from the
 * publish already claimed ({@link Handover}).
 */
public final class Dispatcher implements DispatchDeliveriesUseCase, Handover {

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
    /**
     * Endpoints enabled again that still have held deliveries (claimer thread only): their marks
     * ({@link Endpoints#switched}) are read again at most every {@link #RELEASING_RECHECK}.
     */
    private final HeldDrain heldDrain;
    /**
     * Whether {@link #heldDrain} has any endpoint: then every recorded batch wakes the claimer
     * (freed slots may be claimed).
     */
    private volatile boolean draining;
    private Instant releasingCheckedAt = Instant.EPOCH;
    private static final Duration RELEASING_RECHECK = Duration.ofMillis(250);
    private static final int MAX_RELEASING = 100;
    private final DueSignals due = new DueSignals(IDLE_POLL);
    /** Slots kept for deliveries that publishes write claimed ({@link #reserve}), until the claimer takes them in. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final Map<EndpointId, AtomicInteger> reservedPerEndpoint = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();
    /**
     * Whether due deliveries may be waiting for a claim: the last claim took all it asked for, or held
     * deliveries are being drained (and until the first claim). Fresh deliveries then queue behind
     * them rather than being handed over.
     */
    private volatile boolean backlogged = true;
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
        this.heldDrain = new HeldDrain(settings.maxInFlightPerEndpoint());
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
        due.dueAnywhere();
        signalClaimer();
    }

    @Override
    public void wake(Set<EndpointId> dueFor) {
        due.due(dueFor);
        signalClaimer();
    }

    private void signalClaimer() {
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

    private record HandedOver(Delivery delivery, Event event) {
    }

    @Override
    public boolean reserve(EndpointId endpoint) {
        if (!running || backlogged || rateLimitedUntil.containsKey(endpoint)
                || inFlight.get() + parkedCount + reserved.get() >= settings.maxInFlight()) {
            return false;
        }
        AtomicInteger here = reservedPerEndpoint.computeIfAbsent(endpoint, id -> new AtomicInteger());
        AtomicInteger sending = inFlightPerEndpoint.get(endpoint);
        if ((sending == null ? 0 : sending.get()) + here.get() >= settings.maxInFlightPerEndpoint()) {
            return false;
        }
        here.incrementAndGet();
        reserved.incrementAndGet();
        return true;
    }

    @Override
    public void release(EndpointId endpoint) {
        reservedPerEndpoint.get(endpoint).decrementAndGet();
        reserved.decrementAndGet();
    }

    @Override
    public void handOver(Event event, List<Delivery> claimed) {
        claimed.forEach(d -> handedOver.add(new HandedOver(d, event)));
        if (running) {
            signalClaimer();
        } else {
            handBackHandedOver(takeHandedOver(), clock.instant()); // stopping: for whichever node runs next
        }
    }

    /** What one claim transaction took, and when; of the held deliveries, what each held claim found. */
    private record Claim(Instant at, List<Delivery> batch, Map<HeldClaim, List<Delivery>> held) {
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
            handBackHandedOver(takeHandedOver(), clock.instant());
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
                sendHandedOver();
                int free = settings.maxInFlight() - inFlight.get() - parkedCount - reserved.get();
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
     * Claims up to {@code limit} deliveries and sends them: a quarter of the batch most recently due
     * first (fresh events never queue behind a backlog that became due at once), then oldest due
     * first. While endpoints enabled again have held deliveries, the oldest due take up to half of
     * the rest, then their held deliveries (oldest first, each endpoint as many as it has free
     * slots), then oldest due again. A delivery beyond its
     * endpoint's concurrency waits here, claimed, until a slot frees, rather than going back to the
     * database to be claimed again. No claim when it could find nothing ({@link DueSignals}: since a
     * claim found too few, deliveries became due only for endpoints it leaves out).
     */
    private int claimAndSend(int limit) {
        Instant started = clock.instant();
        Set<EndpointId> saturated = inFlightPerEndpoint.entrySet().stream()
                .filter(e -> e.getValue().get() >= settings.maxInFlightPerEndpoint())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
        rateLimitedUntil.values().removeIf(until -> !until.isAfter(started));
        saturated.addAll(rateLimitedUntil.keySet());
        refreshReleasing(started);
        if (!due.worthClaiming(saturated, started)) {
            return 0;
        }
        int newest = Math.max(1, limit / 4);
        Claim claim = transactions.inTransaction(() -> {
            // the lease starts when the claim is written, not before the wait for a connection (up to
            // the pool's timeout while the database is away): a lease used up by that wait let this
            // node claim and send the same delivery again
            Instant at = clock.instant();
            Instant leaseUntil = at.plus(settings.lease());
            List<Delivery> claimed = new ArrayList<>(deliveries.claimNewestDue(at, leaseUntil, newest, saturated));
            // fewer than asked for: that was every delivery due (outside the endpoints left out),
            // and a claim oldest first would find none (under a steady stream of publishes, most
            // claims are like this)
            boolean moreDue = claimed.size() == newest;
            if (heldDrain.isEmpty()) {
                if (moreDue) {
                    claimed.addAll(deliveries.claimDue(at, leaseUntil, limit - claimed.size(), saturated));
                }
                return new Claim(at, claimed, Map.of());
            }
            int oldest = (limit - claimed.size() + 1) / 2;
            List<Delivery> due = moreDue ? deliveries.claimDue(at, leaseUntil, oldest, saturated) : List.of();
            claimed.addAll(due);
            Map<HeldClaim, List<Delivery>> held = claimHeld(at, leaseUntil, limit - claimed.size(), saturated, claimed);
            held.values().forEach(claimed::addAll);
            if (moreDue && due.size() == oldest && claimed.size() < limit) {
                claimed.addAll(deliveries.claimDue(at, leaseUntil, limit - claimed.size(), saturated));
            }
            return new Claim(at, claimed, held);
        });
        claim.held().forEach((asked, found) -> heldDrain.claimed(asked, found, claim.at()));
        List<Delivery> batch = claim.batch();
        boolean exhausted = heldDrain.isEmpty() && batch.size() < limit;
        due.claimed(saturated, exhausted, claim.at());
        backlogged = !exhausted;
        if (batch.isEmpty()) {
            return 0;
        }
        Map<EventId, Event> eventsById = events.findAll(batch.stream().map(Delivery::eventId).toList());
        dispatch(batch, eventsById, endpointsOf(batch), claim.at());
        return batch.size();
    }

    /**
     * Sends the deliveries publishes handed over (see {@link Handover}); their reserved slots are
     * given up once they are in flight or parked. If their endpoints cannot be read, they wait for
     * the next turn.
     */
    private void sendHandedOver() {
        if (handedOver.isEmpty()) {
            return;
        }
        List<HandedOver> taken = takeHandedOver();
        List<Delivery> batch = taken.stream().map(HandedOver::delivery).toList();
        Map<EndpointId, Endpoint> endpointsById;
        try {
            endpointsById = endpointsOf(batch);
        } catch (RuntimeException e) {
            handedOver.addAll(taken);
            throw e;
        }
        Map<EventId, Event> eventsById = new HashMap<>();
        taken.forEach(h -> eventsById.put(h.event().id(), h.event()));
        try {
            dispatch(batch, eventsById, endpointsById, clock.instant());
        } finally {
            batch.forEach(d -> release(d.endpointId()));
        }
    }

    private List<HandedOver> takeHandedOver() {
        List<HandedOver> taken = new ArrayList<>();
        for (HandedOver h = handedOver.poll(); h != null; h = handedOver.poll()) {
            taken.add(h);
        }
        return taken;
    }

    private Map<EndpointId, Endpoint> endpointsOf(List<Delivery> batch) {
        return endpoints.findAll(batch.stream().map(Delivery::endpointId).collect(Collectors.toSet()));
    }

    /**
     * Sends claimed deliveries, or parks those whose endpoint has no free slot; holds those of an
     * endpoint disabled or deleted meanwhile, and hands back those its rate limit does not allow yet.
     */
    private void dispatch(List<Delivery> batch, Map<EventId, Event> eventsById,
                          Map<EndpointId, Endpoint> endpointsById, Instant now) {
        List<Delivery> handBack = new ArrayList<>();
        List<Delivery> toHold = new ArrayList<>();
        for (Delivery delivery : batch) {
            Endpoint endpoint = endpointsById.get(delivery.endpointId());
            Event event = eventsById.get(delivery.eventId());
            if (event == null) {
                continue; // purged meanwhile: its deliveries went with it
            }
            if (endpoint == null || !endpoint.enabled()) {
                // disabled, or deleted (its deliveries are deleted by the housekeeping job): not
                // claimed again meanwhile
                toHold.add(delivery);
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
        handBackAndHold(handBack, toHold, now);
    }

    /**
     * Writes the deliveries handed back, and holds {@code toHold} (of endpoints read as disabled or
     * deleted), in one transaction that first locks their endpoints' rows: those of an endpoint
     * enabled meanwhile are handed back due now instead. Without the lock, a hold committed just
     * after the housekeeping job found the enabled endpoint without held deliveries (and cleared its
     * mark) would stay held until the endpoint is switched again; with it, the hold either commits
     * before the enabling transaction (and the job finds it) or sees the endpoint enabled.
     */
    private void handBackAndHold(List<Delivery> handBack, List<Delivery> toHold, Instant now) {
        if (handBack.isEmpty() && toHold.isEmpty()) {
            return;
        }
        transactions.run(() -> {
            List<Delivery> all = new ArrayList<>(handBack);
            if (!toHold.isEmpty()) {
                Set<EndpointId> enabledNow = endpoints.lockEnabled(
                        toHold.stream().map(Delivery::endpointId).distinct().toList());
                toHold.forEach(d -> all.add(enabledNow.contains(d.endpointId()) ? d.handBack(now, now) : d.hold(now)));
            }
            deliveries.completeAll(all);
        });
    }

    /**
     * Claims held deliveries of the endpoints enabled again, up to {@code budget} in all, as
     * {@link HeldDrain#plan} shares it out: slots already taken by this batch count.
     */
    private Map<HeldClaim, List<Delivery>> claimHeld(Instant at, Instant leaseUntil, int budget,
                                                     Set<EndpointId> saturated, List<Delivery> inBatch) {
        Map<EndpointId, Integer> batched = new HashMap<>();
        inBatch.forEach(d -> batched.merge(d.endpointId(), 1, Integer::sum));
        List<HeldClaim> requests = heldDrain.plan(at, budget, saturated,
                id -> freeSlots(id, batched.getOrDefault(id, 0)));
        if (requests.isEmpty()) {
            return Map.of();
        }
        Map<EndpointId, List<Delivery>> byEndpoint = new HashMap<>();
        for (Delivery d : deliveries.claimHeld(requests, at, leaseUntil)) {
            byEndpoint.computeIfAbsent(d.endpointId(), e -> new ArrayList<>()).add(d);
        }
        Map<HeldClaim, List<Delivery>> found = new LinkedHashMap<>();
        requests.forEach(r -> found.put(r, byEndpoint.getOrDefault(r.endpoint(), List.of())));
        return found;
    }

    /** Slots the endpoint has free on this node beyond those in flight, parked and {@code batched}; rate tokens too. */
    private int freeSlots(EndpointId id, int batched) {
        AtomicInteger inFlightHere = inFlightPerEndpoint.get(id);
        ArrayDeque<Parked> waiting = parked.get(id);
        int free = settings.maxInFlightPerEndpoint() - batched - (inFlightHere == null ? 0 : inFlightHere.get())
                - (waiting == null ? 0 : waiting.size());
        RateGate gate = rateGates.get(id);
        return gate == null ? free : Math.min(free, gate.available(System.nanoTime()) - batched);
    }

    /**
     * Reads which endpoints are enabled again with held deliveries left (marked, and enabled now), at
     * most every {@link #RELEASING_RECHECK}; one whose mark is unchanged keeps where it got to.
     */
    private void refreshReleasing(Instant now) {
        if (now.isBefore(releasingCheckedAt.plus(RELEASING_RECHECK))) {
            return;
        }
        releasingCheckedAt = now;
        Map<EndpointId, Long> marks = endpoints.switched(MAX_RELEASING);
        Map<EndpointId, Endpoint> current = marks.isEmpty() ? Map.of() : endpoints.findAll(marks.keySet());
        heldDrain.marked(marks, current.values().stream().filter(Endpoint::enabled).map(Endpoint::id)
                .collect(Collectors.toSet()));
        draining = !heldDrain.isEmpty();
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
        List<Delivery> toHold = new ArrayList<>();
        for (Iterator<Map.Entry<EndpointId, ArrayDeque<Parked>>> it = parked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<EndpointId, ArrayDeque<Parked>> entry = it.next();
            ArrayDeque<Parked> waiting = entry.getValue();
            Endpoint fresh = current == null ? null : current.get(entry.getKey());
            if (current != null && (fresh == null || !fresh.enabled())) {
                waiting.forEach(p -> toHold.add(p.delivery()));
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
        handBackAndHold(handBack, toHold, now);
    }

    /** On stop: parked deliveries go back to the database, due now, for whichever node runs next. */
    private void handBackParked(Instant now) {
        List<Delivery> handBack = new ArrayList<>();
        parked.values().forEach(waiting -> waiting.forEach(p -> handBack.add(p.delivery().handBack(now, now))));
        parked.clear();
        parkedCount = 0;
        completeOnStop(handBack);
    }

    /** On stop: deliveries handed over and not taken in go back to the database, due now. */
    private void handBackHandedOver(List<HandedOver> taken, Instant now) {
        taken.forEach(h -> release(h.delivery().endpointId()));
        completeOnStop(taken.stream().map(h -> h.delivery().handBack(now, now)).toList());
    }

    private void completeOnStop(List<Delivery> handBack) {
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
                answered(endpoint.id());
                completed.add(recording.record(delivery, event, endpoint, request, startedAt, took, result, clock.instant()));
            });
        } catch (RuntimeException e) {
            answered(endpoint.id());
            completed.add(recording.record(delivery, event, endpoint, request, startedAt, Duration.ZERO,
                    new AttemptOutcome.Failure(ErrorKind.CONNECT, e.toString()), clock.instant()));
        }
    }

    /**
     * The endpoint's request is over: its slot is free at once, not when the attempt is recorded (a
     * slot limits the requests open at the endpoint; waiting for the recorder's commit held a fast
     * endpoint to its slots per commit). The attempt still counts in {@link #inFlight} until it is
     * recorded. An endpoint that was at its limit wakes the claimer: deliveries may wait for it.
     */
    private void answered(EndpointId endpoint) {
        if (inFlightPerEndpoint.get(endpoint).getAndDecrement() >= settings.maxInFlightPerEndpoint()) {
            signalClaimer();
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
        // where it lacked them, or while held deliveries wait for slots of their endpoints
        // (otherwise every recorded batch would cost it an empty claim); endpoints' own slots
        // were freed when their answers came (answered)
        boolean slotsWereShort = inFlight.get() >= settings.maxInFlight() || parkedCount > 0
                || !rateLimitedUntil.isEmpty() || draining;
        inFlight.addAndGet(-batch.size());
        if (slotsWereShort) {
            signalClaimer();
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
