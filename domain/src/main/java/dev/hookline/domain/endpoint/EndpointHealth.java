package dev.hookline.domain.endpoint;

import dev.hookline.domain.delivery.DeliveryStatus;
import java.time.Instant;

/**
 * What the latest attempts to an endpoint tell about it; drives the shown status and
 * auto-disable. The persistence adapter applies {@link #afterAttempt}
 * as atomic SQL updates, so concurrent dispatchers never lose a count.
 *
 * @param consecutiveFailures    failed attempts since the last success
 * @param failingSince           first failure after the last success; {@code null} when the latest attempt succeeded
 * @param exhaustedSinceSuccess  a delivery ran out of attempts after the last success
 * @param lastAttemptAt          {@code null} before the first attempt
 * @param lastDeliveryStatus     where the latest attempt left its delivery (succeeded, retrying, failed, …);
 *                               {@code null} before the first attempt. With {@code lastAttemptAt} it is the
 *                               "Last Delivery" of the webhook list: kept here so showing it never has to
 *                               search the endpoint's deliveries (past a backlog that was never attempted)
 */
public record EndpointHealth(int consecutiveFailures, Instant failingSince, boolean exhaustedSinceSuccess,
                             Instant lastAttemptAt, DeliveryStatus lastDeliveryStatus) {

    /** Consecutive failed attempts from which an endpoint shows as failing. */
    public static final int FAILING_AFTER = 3;

    public static EndpointHealth fresh() {
        return new EndpointHealth(0, null, false, null, null);
    }

    /**
     * After an attempt at {@code at} that left its delivery in {@code delivery}: a success
     * ({@code SUCCEEDED}) restarts the state, anything else is a failure, and {@code FAILED} (out of
     * attempts) also marks the endpoint exhausted since its last success.
     */
    public EndpointHealth afterAttempt(DeliveryStatus delivery, Instant at) {
        if (delivery == DeliveryStatus.SUCCEEDED) {
            return new EndpointHealth(0, null, false, at, delivery);
        }
        return new EndpointHealth(consecutiveFailures + 1, failingSince == null ? at : failingSince,
                exhaustedSinceSuccess || delivery == DeliveryStatus.FAILED, at, delivery);
    }

    /**
     * Enabled again at {@code now}: the auto-disable clock starts over (a failing endpoint gets the
     * whole period again instead of being disabled at the next check), but what the attempts told
     * stays true, so a failing endpoint still shows as failing until an attempt succeeds.
     */
    public EndpointHealth restarted(Instant now) {
        return new EndpointHealth(consecutiveFailures, failingSince == null ? null : now, exhaustedSinceSuccess,
                lastAttemptAt, lastDeliveryStatus);
    }

    /** Latest attempt failed and a delivery was exhausted since the last success, or 3+ failures in a row. */
    public boolean failing() {
        return (consecutiveFailures > 0 && exhaustedSinceSuccess) || consecutiveFailures >= FAILING_AFTER;
    }
}
