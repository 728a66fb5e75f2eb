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
     * An endpoint switched on or off has its deliveries released (HELD → PENDING) or held
     * (PENDING/RETRYING → HELD), a deleted one its deliveries deleted, by the job in chunks of this
     * many, a transaction per chunk.
     * Releasing 100,000 held deliveries in the enabling transaction took longer than a minute on H2
     * (a request that long times out, and the dispatcher could start on none of them until it
     * committed); until session 7 the enabling request still released the first chunk itself:
     * 0.4-1.4 s per request on H2 under load, 5-8 s with 100,000 held. Until session 8 disabling
     * held them all in its request (and an auto-disable in the recorder's transaction, which
     * stopped the recording of every endpoint meanwhile). The dispatcher holds any delivery of a
     * disabled endpoint it claims before the job got to it, so none is sent meanwhile.
     */
    static final int CHUNK = 1_000;
    /** How long one run of the job goes on before it leaves the rest to the next run. */
    private static final Duration BUDGET = Duration.ofSeconds(10);

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
     * The last id released or held per (endpoint, mark), across runs: each chunk starts after it. A
     * run that started from the first delivery again would read past every row changed before it
     * (on PostgreSQL their old versions stay in the index until vacuum). A new mark (switched again)
     * starts from the first; another node taking the job over starts from the first.
     */
    private final Map<Mark, DeliveryId> doneUpTo = new HashMap<>();

    private record Mark(EndpointId endpoint, long mark) {
    }

    /**
     * A chunk of each marked endpoint per round, so that every re-enabled endpoint has due
     * deliveries at once: the dispatcher sends to each endpoint with bounded concurrency, and ten
     * endpoints released one after the other drained at half the rate on PostgreSQL.
     */
    @Override
    public synchronized int holdOrReleaseDeliveries() {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Map<EndpointId, Long> marks = endpoints.switched(BATCH);
        // where each endpoint got to, kept for the next run while its mark stays the same
        doneUpTo.keySet().removeIf(m -> !Long.valueOf(m.mark()).equals(marks.get(m.endpoint())));
        List<EndpointId> left = new ArrayList<>(marks.keySet());
        int changed = 0;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<EndpointId> it = left.iterator(); it.hasNext() && System.nanoTime() < deadline; ) {
                EndpointId id = it.next();
                Mark marked = new Mark(id, marks.get(id));
                List<DeliveryId> chunk = switchChunk(marked, doneUpTo.get(marked));
                changed += chunk.size();
                if (!chunk.isEmpty()) {
                    doneUpTo.put(marked, chunk.get(chunk.size() - 1));
                }
                if (chunk.size() < CHUNK) {
                    doneUpTo.remove(marked);
                    it.remove();
                }
            }
        }
        return changed; // past the deadline the next run goes on: the endpoints stay marked
    }

    /**
     * One chunk of a switched endpoint's deliveries after {@code after}, in its own transaction:
     * released if it is enabled now, held if it is disabled, deleted if it was deleted (then its
     * row); unmarks it when none is left. The endpoint row is not locked: a switch racing with this
     * chunk marks the endpoint again, and the next run starts over from its first delivery in the
     * new direction.
     */
    private List<DeliveryId> switchChunk(Mark marked, DeliveryId after) {
        Instant now = clock.instant();
        EndpointId id = marked.endpoint();
        Chunk chunk = transactions.inTransaction(() -> {
            Endpoint endpoint = endpoints.findAll(List.of(id)).get(id);
            if (endpoint == null) {
                // deleted: its deliveries (with their attempts), then its row
                List<DeliveryId> deleted = deliveries.deleteOfEndpoint(id, after, CHUNK);
                if (deleted.size() < CHUNK) {
                    endpoints.purgeDeleted(id);
                }
                return new Chunk(deleted, false);
            }
            List<DeliveryId> ids = endpoint.enabled()
                    ? deliveries.releaseHeld(id, after, now, CHUNK)
                    : deliveries.holdWaiting(id, after, now, CHUNK);
            if (ids.size() < CHUNK) {
                // the compare-and-set keeps the mark of a switch that came after
                endpoints.unmarkSwitched(id, marked.mark());
            }
            return new Chunk(ids, endpoint.enabled());
        });
        if (chunk.released() && !chunk.ids().isEmpty()) {
            signal.deliveriesDue(); // the dispatcher starts on this chunk while we go on
        }
        return chunk.ids();
    }

    private record Chunk(List<DeliveryId> ids, boolean released) {
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
                    endpoints.markSwitched(candidate.id()); // the job holds its waiting deliveries
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
