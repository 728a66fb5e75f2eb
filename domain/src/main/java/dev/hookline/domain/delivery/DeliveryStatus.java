package dev.hookline.domain.delivery;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a delivery stands.
 *
 * <pre>
 * PENDING  ──claim──> SENDING ──2xx──> SUCCEEDED
 *                       │ ├──failure, retries left──> RETRYING ──due──> SENDING
 *                       │ │                           └──retry now (by hand)──> PENDING
 *                       │ └──failure, none left─────> FAILED ──manual retry──> PENDING
 *                       ├──lease expired (process died)──> SENDING (claimed again)
 *                       └──handed back unsent (endpoint at its limit)──> PENDING
 * PENDING/RETRYING/SENDING ──endpoint disabled──> HELD ──re-enabled, claimed oldest first──> SENDING
 * HELD ──older than retention──> EXPIRED ──manual retry──> PENDING
 * </pre>
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SUCCEEDED,
    RETRYING,
    FAILED,
    HELD,
    EXPIRED;

    /** Whether the state machine allows moving from this status to {@code next}. */
    public boolean canMoveTo(DeliveryStatus next) {
        return successors().contains(next);
    }

    /** The statuses a delivery may move to from this one. */
    public Set<DeliveryStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(SENDING, HELD);
            case SENDING -> EnumSet.of(SENDING, PENDING, SUCCEEDED, RETRYING, FAILED, HELD);
            case RETRYING -> EnumSet.of(SENDING, HELD, PENDING);
            case HELD -> EnumSet.of(SENDING, EXPIRED);
            case FAILED, EXPIRED -> EnumSet.of(PENDING);
            case SUCCEEDED -> EnumSet.noneOf(DeliveryStatus.class);
        };
    }

    /** Waiting for a dispatcher: pending now or retrying at its time. */
    public boolean isDue() {
        return this == PENDING || this == RETRYING;
    }

    /** No more automatic attempts will be made. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == EXPIRED;
    }

    /** Finished without success: what "recover" and an operator's "retry all matching" send again. */
    public boolean isManuallyRetryable() {
        return this == FAILED || this == EXPIRED;
    }

    /**
     * A merchant or operator may send this one delivery again now: a finished failure, or one waiting
     * for its next scheduled retry (which the merchant need not wait for once the receiver is fixed).
     */
    public boolean canBeRetriedNow() {
        return isManuallyRetryable() || this == RETRYING;
    }
}
