package dev.hookline.domain.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * Counts of an endpoint's attempts and finished deliveries over some hours: the success rate of the
 * webhook list and API, and the endpoint page's chart. Kept per endpoint and UTC hour as attempts are
 * recorded ({@link #of}, {@link #plus}), so showing them reads a few counters instead of the
 * endpoint's deliveries and attempts, however many there are.
 *
 * @param attempts          attempts started in the hours
 * @param attemptsSucceeded of those, the ones answered 2xx
 * @param attemptMillis     their total duration
 * @param succeeded         deliveries an attempt of the hours left SUCCEEDED
 * @param failed            deliveries an attempt of the hours left FAILED (out of attempts)
 *                          and not retried since
 */
public record DeliveryTally(long attempts, long attemptsSucceeded, long attemptMillis, long succeeded, long failed) {

    public static final DeliveryTally NONE = new DeliveryTally(0, 0, 0, 0, 0);

    private static final long SECONDS_PER_HOUR = 3600;

    public DeliveryTally {
        if (attempts < 0 || attemptsSucceeded < 0 || attemptMillis < 0 || succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("tally counts cannot be negative");
        }
        if (attemptsSucceeded > attempts) {
            throw new IllegalArgumentException("more attempts succeeded than were made");
        }
    }

    /** What one attempt adds, given where it left its delivery. */
    public static DeliveryTally of(Attempt attempt, DeliveryStatus after) {
        return new DeliveryTally(1, attempt.outcome().succeeded() ? 1 : 0, Math.max(0, attempt.duration().toMillis()),
                after == DeliveryStatus.SUCCEEDED ? 1 : 0, after == DeliveryStatus.FAILED ? 1 : 0);
    }

    /** The UTC hour an attempt counts in, as hours since 1970-01-01T00:00Z: the hour it started. */
    public static long epochHour(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SECONDS_PER_HOUR);
    }

    public DeliveryTally plus(DeliveryTally other) {
        return new DeliveryTally(attempts + other.attempts, attemptsSucceeded + other.attemptsSucceeded,
                attemptMillis + other.attemptMillis, succeeded + other.succeeded, failed + other.failed);
    }

    /**
     * Without {@code retried} of its failed deliveries, which are being retried: a delivery counts once,
     * by its latest outcome, in the hour of the attempt that decided it. Never below zero.
     */
    public DeliveryTally withoutFailures(long retried) {
        if (retried < 0) {
            throw new IllegalArgumentException("cannot withdraw a negative number of failures");
        }
        return new DeliveryTally(attempts, attemptsSucceeded, attemptMillis, succeeded, Math.max(0, failed - retried));
    }

    /** Percentage of the finished deliveries that succeeded; empty when none finished. */
    public Optional<Double> successRate() {
        long finished = succeeded + failed;
        return finished == 0 ? Optional.empty() : Optional.of(100.0 * succeeded / finished);
    }

    /** Mean attempt duration in milliseconds; empty without attempts. */
    public Optional<Double> averageMillis() {
        return attempts == 0 ? Optional.empty() : Optional.of((double) attemptMillis / attempts);
    }
}
