package dev.hookline.domain.retry;

import dev.hookline.domain.delivery.AttemptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to try a failed delivery again: the first attempt goes at once, then after each delay of
 * the schedule (default 1 min, 5 min, 30 min, 2 h, 24 h, seed 001), each with ±{@code jitter};
 * after the last one the delivery has failed. {@code Retry-After} on 429/503 is honoured, clamped
 * between the (jittered) scheduled delay and twice the scheduled delay. {@code 410 Gone} ends
 * retries at once (when it disables the endpoint, the delivery is held with the endpoint's others
 * instead: see the recorder). 3xx counts as a failure (redirects are never followed).
 *
 * @param schedule the delays after the 1st, 2nd, … attempt
 * @param jitter   fraction of each delay, 0 ≤ jitter &lt; 1 (0.1 is ±10%)
 */
public record RetryPolicy(List<Duration> schedule, double jitter) {

    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(24));
    public static final double DEFAULT_JITTER = 0.1;
    public static final int MAX_RETRIES = 50;

    private static final Pattern DELAY = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public RetryPolicy {
        schedule = List.copyOf(schedule);
        if (schedule.size() > MAX_RETRIES) {
            throw new IllegalArgumentException("a retry schedule has at most " + MAX_RETRIES + " delays");
        }
        for (Duration delay : schedule) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("retry delays must be positive: " + delay);
            }
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_SCHEDULE, DEFAULT_JITTER);
    }

    /**
     * Parses a schedule such as {@code 1m,5m,30m,2h,24h} (units ms, s, m, h, d). An empty text
     * means no retries.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static List<Duration> parseSchedule(String text) {
        List<Duration> delays = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return delays;
        }
        for (String part : text.split(",")) {
            Matcher m = DELAY.matcher(part.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("retry delay \"" + part.trim()
                        + "\" is not a number followed by ms, s, m, h or d (e.g. 30s, 5m, 2h)");
            }
            long n = Long.parseLong(m.group(1));
            delays.add(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return delays;
    }

    /** The schedule as {@link #parseSchedule} reads it: {@code 1m,5m,30m,2h,1d}. */
    public static String formatSchedule(List<Duration> schedule) {
        StringBuilder text = new StringBuilder();
        for (Duration d : schedule) {
            text.append(text.isEmpty() ? "" : ",").append(delayText(d.toMillis()));
        }
        return text.toString();
    }

    private static String delayText(long ms) {
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        return ms % 1_000L == 0 ? ms / 1_000L + "s" : ms + "ms";
    }

    /** Attempts in all: the first one plus one per scheduled delay. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * Decides what follows failed attempt number {@code attemptNumber} (1-based).
     *
     * @param outcome the failed attempt's outcome (a success is a programming error)
     */
    public RetryDecision afterFailure(int attemptNumber, AttemptOutcome outcome, Instant now, RandomGenerator random) {
        if (outcome.succeeded()) {
            throw new IllegalArgumentException("a successful attempt is not retried");
        }
        if (outcome.statusCode().orElse(0) == 410) {
            return new RetryDecision.GiveUp("the endpoint answered 410 Gone");
        }
        if (attemptNumber > schedule.size()) {
            return new RetryDecision.GiveUp("all " + maxAttempts() + " attempts failed");
        }
        Duration nominal = schedule.get(attemptNumber - 1);
        Duration delay = jittered(nominal, random);
        Optional<Duration> retryAfter = retryAfter(outcome, now);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            Duration max = nominal.multipliedBy(2);
            delay = asked.compareTo(delay) < 0 ? delay : asked.compareTo(max) > 0 ? max : asked;
        }
        return new RetryDecision.RetryAt(now.plus(delay));
    }

    private Duration jittered(Duration nominal, RandomGenerator random) {
        if (jitter == 0) {
            return nominal;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(nominal.toMillis() * factor)));
    }

    /** {@code Retry-After} of a 429 or 503 answer, as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(AttemptOutcome outcome, Instant now) {
        if (!(outcome instanceof AttemptOutcome.Response response)
                || (response.status() != 429 && response.status() != 503)) {
            return Optional.empty();
        }
        return response.header("retry-after").flatMap(value -> parseRetryAfter(value.trim(), now));
    }

    private static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isBefore(now) ? Duration.ZERO : Duration.between(now, at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
