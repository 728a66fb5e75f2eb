package dev.hookline.domain.delivery;

import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * One event on its way to one endpoint. Each transition is one method that checks the state
 * machine of {@link DeliveryStatus} and returns the new value.
 *
 * @param attempts       attempts made so far (every trigger)
 * @param attemptLimit   attempts allowed before the delivery is {@code FAILED}; a manual retry
 *                       allows exactly one more
 * @param nextAttemptAt  when a {@code PENDING}/{@code RETRYING} delivery is due; {@code null} otherwise
 * @param leaseUntil     while {@code SENDING}: when another dispatcher may take it over; else {@code null}
 * @param lastStatusCode the HTTP status of the latest attempt, {@code null} if none or no answer
 * @param trigger        what the next (or current) attempt is logged as
 */
public record Delivery(
        DeliveryId id,
        AccountId accountId,
        EventId eventId,
        EndpointId endpointId,
        EventTypeName eventType,
        DeliveryStatus status,
        int attempts,
        int attemptLimit,
        Instant nextAttemptAt,
        Instant leaseUntil,
        Integer lastStatusCode,
        AttemptTrigger trigger,
        Instant createdAt,
        Instant updatedAt) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0 || attemptLimit < 1) {
            throw new IllegalArgumentException("attempts must be >= 0 and attemptLimit >= 1");
        }
        if (status.isDue() != (nextAttemptAt != null)) {
            throw new IllegalArgumentException(status + " delivery must " + (status.isDue() ? "" : "not ")
                    + "have a next attempt time");
        }
        if ((status == DeliveryStatus.SENDING) != (leaseUntil != null)) {
            throw new IllegalArgumentException("only a SENDING delivery has a lease");
        }
    }

    /** A new delivery: due now for an enabled endpoint, {@code HELD} for a disabled one. */
    public static Delivery create(AccountId account, EventId event, EventTypeName type, EndpointId endpoint,
                                  boolean endpointEnabled, int attemptLimit, Instant now) {
        return new Delivery(DeliveryId.generate(), account, event, endpoint, type,
                endpointEnabled ? DeliveryStatus.PENDING : DeliveryStatus.HELD, 0, attemptLimit,
                endpointEnabled ? now : null, null, null, AttemptTrigger.SCHEDULED, now, now);
    }

    /** A test event's delivery: due now, one attempt only, logged as {@code TEST}. */
    public static Delivery forTest(AccountId account, EventId event, EventTypeName type, EndpointId endpoint,
                                   Instant now) {
        return new Delivery(DeliveryId.generate(), account, event, endpoint, type, DeliveryStatus.PENDING, 0, 1,
                now, null, null, AttemptTrigger.TEST, now, now);
    }

    /** Whether a dispatcher may claim it at {@code now}: due, or {@code SENDING} with an expired lease. */
    public boolean isClaimable(Instant now) {
        return (status.isDue() && !nextAttemptAt.isAfter(now))
                || (status == DeliveryStatus.SENDING && !leaseUntil.isAfter(now));
    }

    /** PENDING/RETRYING (due), or SENDING with an expired lease → SENDING until {@code leaseUntil}. */
    public Delivery claim(Instant now, Instant lease) {
        if (!isClaimable(now)) {
            throw new IllegalStateException("delivery " + id + " is " + status + " and not claimable at " + now);
        }
        return with(DeliveryStatus.SENDING, attempts, attemptLimit, null, lease, lastStatusCode, now);
    }

    /**
     * SENDING → PENDING, due at {@code dueAt}, without an attempt: the dispatcher could not send it
     * now (the endpoint is at its concurrency or rate limit).
     */
    public Delivery handBack(Instant dueAt, Instant now) {
        if (status != DeliveryStatus.SENDING) {
            throw new IllegalStateException("delivery " + id + " is " + status + ", not SENDING");
        }
        return with(DeliveryStatus.PENDING, attempts, attemptLimit, dueAt, null, lastStatusCode, now);
    }

    /** SENDING → SUCCEEDED after a 2xx. */
    public Delivery succeeded(int statusCode, Instant now) {
        return after(DeliveryStatus.SUCCEEDED, null, statusCode, now);
    }

    /** SENDING → RETRYING at {@code next} after a failed attempt with retries left. */
    public Delivery retryAt(Instant next, Integer statusCode, Instant now) {
        return after(DeliveryStatus.RETRYING, Objects.requireNonNull(next, "next"), statusCode, now);
    }

    /** SENDING → FAILED after a failed attempt with no retries left. */
    public Delivery failed(Integer statusCode, Instant now) {
        return after(DeliveryStatus.FAILED, null, statusCode, now);
    }

    /** Whether the attempt being recorded is the last one allowed. */
    public boolean isLastAttempt() {
        return attempts + 1 >= attemptLimit;
    }

    /** PENDING/RETRYING/SENDING → HELD: the endpoint was disabled; nothing is sent until it is enabled. */
    public Delivery hold(Instant now) {
        require(DeliveryStatus.HELD);
        return with(DeliveryStatus.HELD, attempts, attemptLimit, null, null, lastStatusCode, now);
    }

    /**
     * HELD → SENDING until {@code lease}: its endpoint was enabled again, and a dispatcher claims its
     * held deliveries oldest first, straight from the hold (a backlog is not written back to the due
     * queue first, which cost a third write per delivery and sent it newest due first).
     */
    public Delivery claimHeld(Instant now, Instant lease) {
        if (status != DeliveryStatus.HELD) {
            throw new IllegalStateException("only a HELD delivery is claimed from the hold, " + id + " is " + status);
        }
        return with(DeliveryStatus.SENDING, attempts, attemptLimit, null, lease, lastStatusCode, now);
    }

    /** HELD → EXPIRED: held for longer than the retention period. */
    public Delivery expire(Instant now) {
        require(DeliveryStatus.EXPIRED);
        return with(DeliveryStatus.EXPIRED, attempts, attemptLimit, null, null, lastStatusCode, now);
    }

    /**
     * FAILED/EXPIRED/RETRYING → PENDING, due now, logged as manual. The manual attempt comes on top of
     * the budget: a finished delivery gets exactly one more attempt, a retrying one keeps the
     * scheduled attempts it had left.
     */
    public Delivery retryManually(Instant now) {
        if (!status.canBeRetriedNow()) {
            throw new IllegalStateException("only FAILED, EXPIRED or RETRYING deliveries can be retried, " + id
                    + " is " + status);
        }
        int limit = status == DeliveryStatus.RETRYING ? attemptLimit + 1 : attempts + 1;
        return new Delivery(id, accountId, eventId, endpointId, eventType, DeliveryStatus.PENDING, attempts,
                limit, now, null, lastStatusCode, AttemptTrigger.MANUAL, createdAt, now);
    }

    private Delivery after(DeliveryStatus next, Instant nextAttempt, Integer statusCode, Instant now) {
        if (status != DeliveryStatus.SENDING) {
            throw new IllegalStateException("delivery " + id + " is " + status + ", not SENDING");
        }
        // a retry after a manual attempt is the schedule's again; a finished one keeps what its last attempt was
        AttemptTrigger then = next == DeliveryStatus.RETRYING ? AttemptTrigger.SCHEDULED : trigger;
        return new Delivery(id, accountId, eventId, endpointId, eventType, next, attempts + 1, attemptLimit,
                nextAttempt, null, statusCode, then, createdAt, now);
    }

    /**
     * The place in a retry schedule of {@code scheduledAttempts} attempts in all of the attempt being
     * recorded: its number, less the manual attempts granted on top of the schedule while it was
     * retrying (each raised the limit by one), so a manual retry never uses up a scheduled one.
     */
    public int scheduledAttemptNumber(int scheduledAttempts) {
        int manual = Math.max(0, attemptLimit - scheduledAttempts);
        return Math.max(1, attempts + 1 - manual);
    }

    private void require(DeliveryStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("delivery " + id + " cannot move from " + status + " to " + next);
        }
    }

    private Delivery with(DeliveryStatus next, int attemptCount, int limit, Instant nextAttempt, Instant lease,
                          Integer statusCode, Instant now) {
        return new Delivery(id, accountId, eventId, endpointId, eventType, next, attemptCount, limit,
                nextAttempt, lease, statusCode, trigger, createdAt, now);
    }
}
