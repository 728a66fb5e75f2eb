package dev.hookline.application.service;

import dev.hookline.domain.id.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a claim can find anything, from what the dispatcher learnt since its last one. A claim
 * leaves out the endpoints with no free slot (or rate limited). When one found fewer deliveries
 * than it asked for, nothing else was due outside those endpoints; until a delivery becomes due
 * for another endpoint (a publish says for which), deliveries become due somewhere unknown (a
 * retry, a sweep, another node), one of those endpoints has a slot again, or {@code recheck}
 * passes (retries and leases fall due with time), another claim would find nothing. Such a claim
 * is not free: on PostgreSQL it reads every due row of the endpoints it leaves out (a busy
 * endpoint with a queue of 1,500 made 130 empty claims a second, 19 % of the database's time at
 * fan-out 1).
 *
 * <p>Signals come from any thread; {@link #worthClaiming} and {@link #claimed} from the claimer's.
 */
final class DueSignals {

    private final Duration recheck;
    private final Set<EndpointId> dueFor = new HashSet<>();
    private boolean dueAnywhere = true;
    /** The endpoints the last claim left out when it found too few; null when that is not known. */
    private Set<EndpointId> quietOutside;
    private Instant quietSince;

    DueSignals(Duration recheck) {
        this.recheck = recheck;
    }

    /** Deliveries became due now for these endpoints only. */
    synchronized void due(Collection<EndpointId> endpoints) {
        dueFor.addAll(endpoints);
    }

    /** Deliveries became due where this node cannot tell. */
    synchronized void dueAnywhere() {
        dueAnywhere = true;
    }

    /**
     * Whether a claim leaving out {@code excluded} may find a delivery; takes the signals so far
     * (those arriving later count for the next claim: the claim may not see what they announce).
     */
    synchronized boolean worthClaiming(Set<EndpointId> excluded, Instant now) {
        boolean worth = quietOutside == null || dueAnywhere || !now.isBefore(quietSince.plus(recheck))
                || !excluded.containsAll(quietOutside) || !excluded.containsAll(dueFor);
        if (worth) {
            dueAnywhere = false;
            dueFor.clear();
            quietOutside = null;
        }
        return worth;
    }

    /**
     * After a claim that left out {@code excluded}: {@code exhausted} when it found fewer than it
     * asked for, so nothing else was due outside them at {@code at}.
     */
    synchronized void claimed(Set<EndpointId> excluded, boolean exhausted, Instant at) {
        quietOutside = exhausted ? Set.copyOf(excluded) : null;
        quietSince = at;
    }
}
