package dev.hookline.application.port.out;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.Subscription;
import dev.hookline.domain.id.EndpointId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Webhook endpoints. Signing secrets are encrypted at rest by the adapter. */
public interface Endpoints {

    void add(Endpoint endpoint);

    /**
     * Saves what merchants and the auto-disable check change: URL, description, filter, secrets,
     * disablement, rate limit, retry policy, updated time. Health is left alone (see
     * {@link #recordHealth}). Also resets health when the endpoint is enabled again.
     */
    void update(Endpoint endpoint);

    Optional<Endpoint> find(AccountId account, EndpointId id);

    /** Endpoints by id, any account: for the dispatcher. */
    Map<EndpointId, Endpoint> findAll(Collection<EndpointId> ids);

    /** The account's endpoints, newest first. */
    List<Endpoint> ofAccount(AccountId account);

    /** What publishing needs of each of the account's endpoints (read on every publish: no secrets). */
    List<Subscription> subscriptionsOf(AccountId account);

    /**
     * Deletes the endpoint for every read at once and marks it ({@link #markSwitched}): the
     * housekeeping job deletes its deliveries and attempts in chunks, then {@link #purgeDeleted}.
     * False if the account has no such endpoint.
     */
    boolean delete(AccountId account, EndpointId id, Instant now);

    /** Removes the row of an endpoint deleted before (what still refers to it goes with it). */
    void purgeDeleted(EndpointId id);

    /**
     * What one attempt tells about an endpoint.
     *
     * @param delivery where the attempt left its delivery: {@code SUCCEEDED} is a success, {@code FAILED}
     *                 a failure that exhausted the delivery, anything else a failure
     */
    record HealthChange(EndpointId endpoint, DeliveryStatus delivery, Instant at) {
    }

    /**
     * Applies {@code EndpointHealth.afterAttempt} for each change, in order, as atomic updates
     * (several dispatchers may record for the same endpoint at once).
     */
    void recordHealth(List<HealthChange> changes);

    /** Enabled endpoints failing since before {@code cutoff} with an exhausted delivery. */
    List<Endpoint> autoDisableCandidates(Instant cutoff, int limit);

    /**
     * Marks an endpoint just enabled or disabled: the dispatchers are to claim its held deliveries
     * (enabled; the housekeeping job unmarks it once none is held) or the job is to hold its
     * waiting ones (disabled); {@link #delete} marks too. Each switch is a new mark, so a switch
     * while the work is under way starts it over from the endpoint's first delivery. Stored, so the
     * work resumes after a crash, on any node.
     */
    void markSwitched(EndpointId endpoint);

    /** Unmarks the endpoint if its mark is still {@code mark}; returns whether it did. */
    boolean unmarkSwitched(EndpointId endpoint, long mark);

    /**
     * Locks the rows of {@code ids}, in id order, until the caller's transaction ends, and returns
     * those that are enabled now (not disabled, not deleted). Enabling or disabling an endpoint
     * writes its row first, so a transaction that holds this lock sees the endpoint's state
     * settled: its deliveries are either written before the enabling (disabling) transaction, and
     * so claimed from the hold after it by the dispatchers (held by the job), or written after it
     * committed.
     */
    Set<EndpointId> lockEnabled(Collection<EndpointId> ids);

    /** Endpoints marked by {@link #markSwitched}, at most {@code limit}, with their marks. */
    Map<EndpointId, Long> switched(int limit);
}
