package dev.hookline.application.service;

import dev.hookline.application.port.in.HousekeepingUseCase;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The periodic jobs: due sweep, auto-disable, held expiry, retention purge, each in small batches. */
public final class HousekeepingService implements HousekeepingUseCase {

    static final int BATCH = 500;
    /**
     * Held deliveries become due again in chunks of this many, a transaction per chunk, when the job
     * finds their endpoint marked (enabling an endpoint marks it). Releasing 100,000 held deliveries
     * in the enabling transaction took longer than a minute on H2 (a request that long times out,
     * and the dispatcher could start on none of them until it committed); until session 7 the
     * enabling request still released the first chunk itself: 0.4-1.4 s per request on H2 under
     * load, 5-8 s with 100,000 held, most of it reading the held rows back from the file.
     */
    static final int RELEASE_CHUNK = 1_000;
    /** How long one run of the release job goes on before it leaves the rest to the next run. */
    private static final Duration RELEASE_BUDGET = Duration.ofSeconds(10);

    private final Deliveries deliveries;
    private final Endpoints endpoints;
    private final EndpointTallies tallies;
    private final Events events;
    private final Transactions transactions;
    private final DispatchSignal signal;
    private final Clock clock;
    private final HooklineSettings settings;

    public HousekeepingService(Deliveries deliveries, Endpoints endpoints, EndpointTallies tallies, Events events,
                               Transactions transactions, DispatchSignal signal, Clock clock,
                               HooklineSettings settings) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.tallies = tallies;
        this.events = events;
        this.transactions = transactions;
        this.signal = signal;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public boolean sweepDueDeliveries() {
        Optional<Instant> next = deliveries.nextDueAt();
        boolean due = next.isPresent() && !next.get().isAfter(clock.instant());
        if (due) {
            signal.deliveriesDue();
        }
        return due;
    }

    /**
     * The last id released per (endpoint, mark), across runs: each chunk starts after it. A run that
     * started from the first held delivery again would read past every row released before it (on
     * PostgreSQL their HELD versions stay in the index until vacuum). A new mark (disabled and
     * enabled again) starts from the first; another node taking the job over starts from the first.
     */
    private final Map<Mark, DeliveryId> releasedUpTo = new HashMap<>();

    private record Mark(EndpointId endpoint, long mark) {
    }

    /**
     * A chunk of each marked endpoint per round, so that every re-enabled endpoint has due
     * deliveries at once: the dispatcher sends to each endpoint with bounded concurrency, and ten
     * endpoints released one after the other drained at half the rate on PostgreSQL.
     */
    @Override
    public synchronized int releaseHeldDeliveries() {
        long deadline = System.nanoTime() + RELEASE_BUDGET.toNanos();
        Map<EndpointId, Long> marks = endpoints.releasing(BATCH);
        // where each endpoint's release got to, kept for the next run while its mark stays the same
        releasedUpTo.keySet().removeIf(m -> !Long.valueOf(m.mark()).equals(marks.get(m.endpoint())));
        List<EndpointId> left = new ArrayList<>(marks.keySet());
        int released = 0;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<EndpointId> it = left.iterator(); it.hasNext() && System.nanoTime() < deadline; ) {
                EndpointId id = it.next();
                Mark marked = new Mark(id, marks.get(id));
                List<DeliveryId> chunk = releaseChunk(id, marked.mark(), releasedUpTo.get(marked));
                released += chunk.size();
                if (!chunk.isEmpty()) {
                    releasedUpTo.put(marked, chunk.get(chunk.size() - 1));
                    signal.deliveriesDue(); // the dispatcher starts on this chunk while we release the next
                }
                if (chunk.size() < RELEASE_CHUNK) {
                    releasedUpTo.remove(marked);
                    it.remove();
                }
            }
        }
        return released; // past the deadline the next run goes on: the endpoints stay marked
    }

    /** One chunk of an endpoint's held deliveries after {@code after}, in its own transaction; unmarks it when done. */
    private List<DeliveryId> releaseChunk(EndpointId id, long mark, DeliveryId after) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            Endpoint endpoint = endpoints.findAll(List.of(id)).get(id);
            if (endpoint == null || !endpoint.enabled()) {
                // disabled again (its deliveries are held again) or deleted; the compare-and-set
                // keeps the mark of an enabling that came after
                endpoints.unmarkReleasing(id, mark);
                return List.of();
            }
            // no lock on the endpoint: a disable racing with this chunk leaves PENDING
            // deliveries of a disabled endpoint, which the dispatcher holds when it claims them
            List<DeliveryId> ids = deliveries.releaseHeld(id, after, now, RELEASE_CHUNK);
            if (ids.size() < RELEASE_CHUNK) {
                endpoints.unmarkReleasing(id, mark);
            }
            return ids;
        });
    }

    @Override
    public int autoDisableEndpoints() {
        Instant now = clock.instant();
        int disabled = 0;
        for (Endpoint candidate : endpoints.autoDisableCandidates(settings.autoDisable().failingSinceCutoff(now), BATCH)) {
            Optional<Disablement> why = settings.autoDisable().check(candidate.health(), now);
            if (why.isPresent()) {
                transactions.run(() -> {
                    endpoints.update(candidate.disable(why.get()));
                    deliveries.holdAll(candidate.id(), now);
                });
                disabled++;
            }
        }
        return disabled;
    }

    @Override
    public int expireHeldDeliveries() {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> deliveries.expireHeld(now.minus(settings.retention()), now, BATCH));
    }

    @Override
    public int purgeExpiredData() {
        Instant cutoff = clock.instant().minus(settings.retention());
        int purged = transactions.inTransaction(() -> deliveries.purge(cutoff, BATCH));
        purged += transactions.inTransaction(() -> events.purge(cutoff, BATCH));
        // an endpoint's hours are few (at most 24 a day): all of those past the retention at once
        return purged + transactions.inTransaction(() -> tallies.purgeBefore(DeliveryTally.epochHour(cutoff)));
    }
}
