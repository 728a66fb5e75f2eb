package dev.hookline.application.service;

import dev.hookline.application.port.out.Deliveries.HeldClaim;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Which held deliveries one dispatcher claims next, of the endpoints enabled again that still have
 * some (their marks, {@code Endpoints#switched}): each endpoint's held deliveries in id order (publish
 * order) from a cursor, as many as the endpoint has free slots on this node, the claim's budget
 * shared evenly. Pure: the dispatcher reads the marks and runs the claims (claimer thread only).
 *
 * <p>When a claim finds fewer than it asked for, the endpoint rests for {@link #REST} and is then
 * looked at from its first held delivery again (one held behind the others, by a dispatcher that
 * read the endpoint before it was enabled, is not left behind); when that look finds too few as
 * well, it rests {@link #EXHAUSTED} until the housekeeping job clears the mark.
 */
final class HeldDrain {

    static final Duration REST = Duration.ofSeconds(1);
    static final Duration EXHAUSTED = Duration.ofSeconds(10);

    private static final class Cursor {
        final long mark;
        DeliveryId after;
        Instant restUntil = Instant.EPOCH;

        Cursor(long mark) {
            this.mark = mark;
        }
    }

    /**
     * A claim is not cut thinner than this per endpoint (a claim costs about the same for one row as
     * for sixteen: on H2 three statements, each descending the indexes).
     */
    private final int atLeast;
    private Map<EndpointId, Cursor> endpoints = new LinkedHashMap<>();
    private int rotation;

    /** @param maxInFlightPerEndpoint an endpoint's concurrency on one node */
    HeldDrain(int maxInFlightPerEndpoint) {
        this.atLeast = Math.max(1, Math.min(16, maxInFlightPerEndpoint / 4));
    }

    /** Whether any endpoint is draining. */
    boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /**
     * The endpoints marked now ({@code marks}, by mark) that are enabled ({@code enabled}); one whose
     * mark is unchanged keeps its cursor and rest, one marked again starts from its first.
     */
    void marked(Map<EndpointId, Long> marks, Set<EndpointId> enabled) {
        Map<EndpointId, Cursor> next = new LinkedHashMap<>();
        marks.forEach((id, mark) -> {
            if (enabled.contains(id)) {
                Cursor was = endpoints.get(id);
                next.put(id, was != null && was.mark == mark ? was : new Cursor(mark));
            }
        });
        endpoints = next;
    }

    /**
     * The held claims for one claim of at most {@code budget}: endpoints left out (no free slot, rate
     * limited) or resting get none; the others as many as {@code freeSlots} says each has, the budget
     * shared evenly while short, none asked for fewer than {@link #atLeast} (unless the budget is),
     * and which endpoint goes first turns with every plan, so a small budget reaches every endpoint
     * in turn.
     */
    List<HeldClaim> plan(Instant at, int budget, Set<EndpointId> leftOut, ToIntFunction<EndpointId> freeSlots) {
        List<EndpointId> open = new ArrayList<>();
        endpoints.forEach((id, cursor) -> {
            if (!leftOut.contains(id) && !at.isBefore(cursor.restUntil)) {
                open.add(id);
            }
        });
        if (budget < 1 || open.isEmpty()) {
            return List.of();
        }
        int first = Math.floorMod(rotation++, open.size());
        List<HeldClaim> claims = new ArrayList<>();
        int left = budget;
        for (int k = 0; k < open.size() && left > 0; k++) {
            EndpointId id = open.get((first + k) % open.size());
            int share = Math.max(atLeast, (left + open.size() - k - 1) / (open.size() - k));
            int asked = Math.min(Math.min(share, left), freeSlots.applyAsInt(id));
            if (asked >= Math.min(atLeast, left)) {
                claims.add(new HeldClaim(id, endpoints.get(id).after, asked));
                left -= asked;
            }
        }
        return claims;
    }

    /** After the claim committed: where the endpoint's next claim starts, or a rest when it found too few. */
    void claimed(HeldClaim asked, List<Delivery> claimed, Instant at) {
        Cursor cursor = endpoints.get(asked.endpoint());
        if (cursor == null) {
            return;
        }
        boolean fromFirst = cursor.after == null;
        if (!claimed.isEmpty()) {
            cursor.after = claimed.get(claimed.size() - 1).id();
        }
        if (claimed.size() < asked.limit()) {
            cursor.restUntil = at.plus(fromFirst ? EXHAUSTED : REST);
            cursor.after = null;
        }
    }
}
