package dev.hookline.domain.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an endpoint is disabled without the merchant: it answered {@code 410 Gone}, or it has
 * failed continuously (no 2xx) for {@code disableAfter} and a delivery was exhausted meanwhile.
 */
public record AutoDisablePolicy(Duration disableAfter) {

    public static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);

    public AutoDisablePolicy {
        if (disableAfter.isNegative() || disableAfter.isZero()) {
            throw new IllegalArgumentException("disable-after must be positive");
        }
    }

    /**
     * Right after an attempt: a {@code 410 Gone} disables at once.
     *
     * @param statusCode the answer's HTTP status, {@code null} when there was no answer
     */
    public Optional<Disablement> afterAttempt(Integer statusCode, Instant now) {
        if (statusCode != null && statusCode == 410) {
            return Optional.of(new Disablement(Disablement.Cause.GONE,
                    "The endpoint answered 410 Gone; re-enable it once it accepts events again", now));
        }
        return Optional.empty();
    }

    /** From the periodic check: continuous failure for longer than {@code disableAfter}. */
    public Optional<Disablement> check(EndpointHealth health, Instant now) {
        if (health.failingSince() != null && health.exhaustedSinceSuccess()
                && !health.failingSince().plus(disableAfter).isAfter(now)) {
            return Optional.of(new Disablement(Disablement.Cause.CONTINUOUS_FAILURE,
                    "Every delivery failed since " + health.failingSince() + " (more than "
                            + human(disableAfter) + "); re-enable it once it accepts events again", now));
        }
        return Optional.empty();
    }

    /** The instant before which a health's failure streak must have begun to disable now. */
    public Instant failingSinceCutoff(Instant now) {
        return now.minus(disableAfter);
    }

    private static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toSeconds() + " seconds";
    }
}
