package dev.hookline.domain.endpoint;

import java.time.Instant;

/**
 * What the latest attempts to an endpoint tell about it; drives the shown status and
 * auto-disable. The persistence adapter applies {@link #afterAttempt} and {@link #afterExhausted}
 * as atomic SQL updates, so concurrent dispatchers never lose a count.
 *
 * @param consecutiveFailures    failed attempts since the last success
 * @param failingSince           first failure after the last success; {@code null} when the latest attempt succeeded
 * @param exhaustedSinceSuccess  a delivery ran out of attempts after the last success
 * @param lastAttemptAt          {@code null} before the first attempt
 */
public record EndpointHealth(int consecutiveFailures, Instant failingSince, boolean exhaustedSinceSuccess,
                             Instant lastAttemptAt) {

    /** Consecutive failed attempts from which an endpoint shows as failing. */
    public static final int FAILING_AFTER = 3;

    public static EndpointHealth fresh() {
        return new EndpointHealth(0, null, false, null);
    }

    public EndpointHealth afterAttempt(boolean succeeded, Instant at) {
        if (succeeded) {
            return new EndpointHealth(0, null, false, at);
        }
        return new EndpointHealth(consecutiveFailures + 1, failingSince == null ? at : failingSince,
                exhaustedSinceSuccess, at);
    }

    /** A delivery to this endpoint ran out of attempts. */
    public EndpointHealth afterExhausted() {
        return new EndpointHealth(consecutiveFailures, failingSince, true, lastAttemptAt);
    }

    /** Latest attempt failed and a delivery was exhausted since the last success, or 3+ failures in a row. */
    public boolean failing() {
        return (consecutiveFailures > 0 && exhaustedSinceSuccess) || consecutiveFailures >= FAILING_AFTER;
    }
}
