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
     * An endpoint switched off has its waiting deliveries held (PENDING/RETRYING → HELD), a deleted
     * one its deliveries deleted, by the job in chunks of this many, a transaction per chunk. (An
     * endpoint switched on has no rows changed: the dispatchers claim its held deliveries straight
     * from the hold, and the job only clears its mark once none is left.)
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
     * The last id held or deleted per (endpoint, mark), across runs: each chunk starts after it. A
     * run that started from the first delivery again would read past every row changed before it
     * (on PostgreSQL their old versions stay in the index until vacuum). A new mark (switched again)
     * starts from the first; another node taking the job over starts from the first.
     */
    private final Map<Mark, DeliveryId> doneUpTo = new HashMap<>();
    /**
     * For an enabled endpoint: the first delivery found still held at the last run (the dispatchers
     * claim them in id order, so the next look starts there instead of at the endpoint's first row).
     */
    private final Map<Mark, DeliveryId> heldFrom = new HashMap<>();

    private record Mark(EndpointId endpoint, long mark) {
    }

    /**
     * A chunk of each marked endpoint per round, so that every disabled endpoint gets its waiting
     * deliveries held soon, not one endpoint after the other.
     */
    @Override
    public synchronized int holdOrReleaseDeliveries() {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Map<EndpointId, Long> marks = endpoints.switched(BATCH);
        // where each endpoint got to, kept for the next run while its mark stays the same
        doneUpTo.keySet().removeIf(m -> !Long.valueOf(m.mark()).equals(marks.get(m.endpoint())));
        heldFrom.keySet().removeIf(m -> !Long.valueOf(m.mark()).equals(marks.get(m.endpoint())));
        List<EndpointId> left = new ArrayList<>(marks.keySet());
        int changed = 0;
        boolean releasing = false;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<EndpointId> it = left.iterator(); it.hasNext() && System.nanoTime() < deadline; ) {
                EndpointId id = it.next();
                Mark marked = new Mark(id, marks.get(id));
                Chunk chunk = switchChunk(marked, doneUpTo.get(marked));
                releasing |= chunk.releasing();
                changed += chunk.ids().size();
                if (!chunk.ids().isEmpty()) {
                    doneUpTo.put(marked, chunk.ids().get(chunk.ids().size() - 1));
                }
                if (chunk.ids().size() < CHUNK) {
                    doneUpTo.remove(marked);
                    it.remove();
                }
            }
        }
        if (releasing) {
            // a dispatcher that has not looked at the marks since the endpoint was enabled looks now
            signal.deliveriesDue();
        }
        return changed; // past the deadline the next run goes on: the endpoints stay marked
    }

    /**
     * One chunk of a switched endpoint's deliveries after {@code after}, in its own transaction:
     * held if it is disabled, deleted if it was deleted (then its row); unmarks it when none is left.
     * An enabled endpoint's held deliveries are left to the dispatchers, which claim them straight
     * from the hold: it is unmarked when none is held any more. The endpoint row is not locked: a
     * switch racing with this chunk marks the endpoint again, and the next run starts over from its
     * first delivery in the new direction.
     */
    private Chunk switchChunk(Mark marked, DeliveryId after) {
        Instant now = clock.instant();
        EndpointId id = marked.endpoint();
        return transactions.inTransaction(() -> {
            Endpoint endpoint = endpoints.findAll(List.of(id)).get(id);
            if (endpoint == null) {
                // deleted: its deliveries (with their attempts), then its row
                List<DeliveryId> deleted = deliveries.deleteOfEndpoint(id, after, CHUNK);
                if (deleted.size() < CHUNK) {
                    endpoints.purgeDeleted(id);
                }
                return new Chunk(deleted, false);
            }
            if (endpoint.enabled()) {
                return new Chunk(List.of(), stillHeld(marked));
            }
            List<DeliveryId> ids = deliveries.holdWaiting(id, after, now, CHUNK);
            if (ids.size() < CHUNK) {
                // the compare-and-set keeps the mark of a switch that came after
                endpoints.unmarkSwitched(id, marked.mark());
            }
            return new Chunk(ids, false);
        });
    }

    /**
     * Whether the enabled endpoint still has held deliveries; unmarks it when it has none. Looks from
     * where the last run found the first one, and once more from the endpoint's first row before it
     * unmarks: one held behind the dispatchers (a claimed delivery held back by a dispatcher that
     * read the endpoint before it was enabled) would otherwise stay held.
     */
    private boolean stillHeld(Mark marked) {
        DeliveryId from = heldFrom.get(marked);
        Optional<DeliveryId> first = deliveries.firstHeld(marked.endpoint(), from);
        if (first.isEmpty() && from != null) {
            first = deliveries.firstHeld(marked.endpoint(), null);
        }
        if (first.isPresent()) {
            heldFrom.put(marked, first.get());
            return true;
        }
        heldFrom.remove(marked);
        endpoints.unmarkSwitched(marked.endpoint(), marked.mark());
        return false;
    }

    private record Chunk(List<DeliveryId> ids, boolean releasing) {
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
        // held for a retention period, then expired: kept (to be seen and retried) for another one
        Instant expiredCutoff = cutoff.minus(settings.retention());
        int purged = transactions.inTransaction(() -> deliveries.purge(cutoff, expiredCutoff, BATCH));
        purged += transactions.inTransaction(() -> events.purge(cutoff, BATCH));
        // an endpoint's hours are few (at most 24 a day): all of those past the retention at once
        return purged + transactions.inTransaction(() -> tallies.purgeBefore(DeliveryTally.epochHour(cutoff)));
    }
}
