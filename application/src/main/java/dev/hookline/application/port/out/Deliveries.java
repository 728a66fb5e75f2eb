package dev.hookline.application.port.out;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries and their due queue. Every status change made here follows the transitions of
 * {@link Delivery}; bulk operations are compare-and-set on the status, so they are safe with
 * several dispatchers on one database.
 */
public interface Deliveries {

    void addAll(List<Delivery> deliveries);

    Optional<Delivery> find(AccountId account, DeliveryId id);

    /**
     * Claims up to {@code limit} deliveries that are claimable at {@code now} (due, or SENDING with
     * an expired lease), oldest due first, skipping the {@code excluded} endpoints: they become
     * SENDING with a lease until {@code leaseUntil}. Must be called inside a transaction; never
     * returns a delivery another caller claimed.
     */
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded);

    /**
     * Like {@link #claimDue}, but the most recently due first: the dispatcher takes a share of each
     * batch from this end, so fresh events are not queued behind a backlog that became due at once
     * (an endpoint re-enabled, a retry storm).
     */
    List<Delivery> claimNewestDue(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded);

    /**
     * Stores the outcome of sent deliveries (status SUCCEEDED/RETRYING/FAILED/HELD): each row is
     * updated only if it is still SENDING. Returns how many were updated.
     */
    int completeAll(List<Delivery> completed);

    /** Stores {@code delivery} if its stored status is still {@code expected}. */
    boolean update(Delivery delivery, DeliveryStatus expected);

    /**
     * PENDING/RETRYING → HELD for a disabled endpoint: its waiting deliveries with an id after
     * {@code after} (from the first when {@code null}), in id order, at most {@code limit}. Returns
     * their ids in that order: fewer than {@code limit} means none is left after the last. The
     * caller passes the last id back to go on, so no call reads past rows changed before it.
     */
    List<DeliveryId> holdWaiting(EndpointId endpoint, DeliveryId after, Instant now, int limit);

    /**
     * HELD → SENDING with a lease until {@code leaseUntil}, for endpoints enabled again: for each
     * request, the endpoint's oldest held deliveries with an id after its {@code after} (from the
     * first when {@code null}), at most its {@code limit}; ordered by endpoint, then id. Must be
     * called inside a transaction; never returns a delivery another caller claimed. The caller passes
     * each endpoint's last id back to go on, so no claim reads past the rows claimed before it (on
     * PostgreSQL their old versions stay in the index until vacuum).
     */
    List<Delivery> claimHeld(List<HeldClaim> requests, Instant now, Instant leaseUntil);

    /** Which held deliveries {@link #claimHeld} takes of one endpoint. */
    record HeldClaim(EndpointId endpoint, DeliveryId after, int limit) {
    }

    /** The endpoint's first HELD delivery (in id order) from {@code from} on ({@code null}: any). */
    Optional<DeliveryId> firstHeld(EndpointId endpoint, DeliveryId from);

    /** Deletes a deleted endpoint's deliveries with their attempts, in chunks like {@link #holdWaiting}. */
    List<DeliveryId> deleteOfEndpoint(EndpointId endpoint, DeliveryId after, int limit);

    /**
     * FAILED/EXPIRED deliveries created at or after {@code since} → PENDING with one more attempt
     * (trigger MANUAL); not those of test events.
     */
    int retryFailed(EndpointId endpoint, Instant since, Instant now);

    /**
     * Where the tallies counted the FAILED deliveries that {@link #retryFailed} would retry (those of
     * test events are not counted): how many per endpoint and hour of their last attempt. Locks the
     * rows {@link #retryFailed} will change, until the caller's transaction ends.
     */
    Map<EndpointTallies.Hour, Long> countedFailures(EndpointId endpoint, Instant since);

    /** The same for one delivery: its hour, if it is FAILED and not a test event's; else empty. */
    Map<EndpointTallies.Hour, Long> countedFailure(DeliveryId delivery);

    /** HELD deliveries created before {@code cutoff} → EXPIRED, at most {@code limit}. */
    int expireHeld(Instant cutoff, Instant now, int limit);

    /**
     * Deletes up to {@code limit} terminal deliveries (with their attempts): succeeded and failed ones
     * created before {@code cutoff}, expired ones created before {@code expiredCutoff} (an expired
     * delivery was held for a whole retention period; it stays, and can be retried, for another).
     */
    int purge(Instant cutoff, Instant expiredCutoff, int limit);

    /** The earliest time a delivery becomes claimable, if any is waiting. */
    Optional<Instant> nextDueAt();

    /** Filters for the delivery log; {@code null} means any. */
    record Filter(DeliveryStatus status, EventTypeName eventType) {
        public static Filter any() {
            return new Filter(null, null);
        }
    }

    /** An endpoint's deliveries, newest first. */
    Page<Delivery> ofEndpoint(AccountId account, EndpointId endpoint, Filter filter, PageRequest page);

    /** Which of {@code ids} still exist (a delivery goes when its endpoint is deleted). */
    Set<DeliveryId> existing(Collection<DeliveryId> ids);

    /** How many deliveries the event has (those of deleted endpoints and purged ones are gone). */
    int countOfEvent(EventId event);

    /** How many HELD deliveries each of {@code endpoints} has; those with none are left out. */
    Map<EndpointId, Long> countHeld(Collection<EndpointId> endpoints);
}
