package dev.hookline.domain.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    private static final AttemptOutcome SERVER_ERROR = new AttemptOutcome.Response(500, Map.of(), "oops", false);
    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void defaultScheduleIsOneMinuteFiveMinutesThirtyMinutesTwoHoursOneDay() {
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(24)), policy.schedule());
        assertEquals(6, policy.maxAttempts());
    }

    @Test
    void eachRetryComesAfterItsScheduledDelayWithinTenPercentJitter() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 5; attempt++) {
            Duration nominal = policy.schedule().get(attempt - 1);
            for (int i = 0; i < 200; i++) {
                Instant at = retryAt(policy.afterFailure(attempt, SERVER_ERROR, NOW, random));
                long delay = Duration.between(NOW, at).toMillis();
                assertTrue(delay >= nominal.toMillis() * 0.9 && delay <= nominal.toMillis() * 1.1,
                        "attempt " + attempt + " delay " + delay);
            }
        }
    }

    @Test
    void jitterIsDeterministicUnderASeededRandomAndActuallySpreads() {
        Instant a = retryAt(policy.afterFailure(1, SERVER_ERROR, NOW, new Random(7)));
        Instant b = retryAt(policy.afterFailure(1, SERVER_ERROR, NOW, new Random(7)));
        Instant c = retryAt(policy.afterFailure(1, SERVER_ERROR, NOW, new Random(8)));
        assertEquals(a, b);
        assertTrue(!a.equals(c), "different seeds give different times");
    }

    @Test
    void givesUpAfterTheLastScheduledRetry() {
        RetryDecision decision = policy.afterFailure(6, SERVER_ERROR, NOW, new Random(1));
        assertEquals("all 6 attempts failed", assertInstanceOf(RetryDecision.GiveUp.class, decision).reason());
    }

    @Test
    void goneEndsRetriesAtOnce() {
        AttemptOutcome gone = new AttemptOutcome.Response(410, Map.of(), "", false);
        assertInstanceOf(RetryDecision.GiveUp.class, policy.afterFailure(1, gone, NOW, new Random(1)));
    }

    @Test
    void redirectsAndNetworkFailuresAreRetriedLikeServerErrors() {
        AttemptOutcome moved = new AttemptOutcome.Response(301, Map.of("location", "https://x"), "", false);
        AttemptOutcome refused = new AttemptOutcome.Failure(ErrorKind.CONNECT, "refused");
        assertEquals(ErrorKind.REDIRECT, moved.errorKind().orElseThrow());
        assertInstanceOf(RetryDecision.RetryAt.class, policy.afterFailure(1, moved, NOW, new Random(1)));
        assertInstanceOf(RetryDecision.RetryAt.class, policy.afterFailure(1, refused, NOW, new Random(1)));
    }

    @Test
    void retryAfterSecondsOnTooManyRequestsIsHonouredWithinTheClamp() {
        RetryPolicy exact = new RetryPolicy(List.of(Duration.ofMinutes(1)), 0);
        assertEquals(NOW.plusSeconds(90), retryAt(exact.afterFailure(1, tooMany("90"), NOW, new Random(1))));
        // asking for less than the schedule waits the schedule; more than twice is capped at twice
        assertEquals(NOW.plusSeconds(60), retryAt(exact.afterFailure(1, tooMany("5"), NOW, new Random(1))));
        assertEquals(NOW.plusSeconds(120), retryAt(exact.afterFailure(1, tooMany("3600"), NOW, new Random(1))));
    }

    @Test
    void retryAfterAsHttpDateOnServiceUnavailableIsHonoured() {
        RetryPolicy exact = new RetryPolicy(List.of(Duration.ofMinutes(1)), 0);
        AttemptOutcome unavailable = new AttemptOutcome.Response(503,
                Map.of("retry-after", "Thu, 15 Jan 2026 10:31:40 GMT"), "", false);
        assertEquals(NOW.plusSeconds(100), retryAt(exact.afterFailure(1, unavailable, NOW, new Random(1))));
    }

    @Test
    void retryAfterOnOtherStatusesOrUnparseableIsIgnored() {
        RetryPolicy exact = new RetryPolicy(List.of(Duration.ofMinutes(1)), 0);
        AttemptOutcome serverError = new AttemptOutcome.Response(500, Map.of("retry-after", "100"), "", false);
        assertEquals(NOW.plusSeconds(60), retryAt(exact.afterFailure(1, serverError, NOW, new Random(1))));
        assertEquals(NOW.plusSeconds(60), retryAt(exact.afterFailure(1, tooMany("soon"), NOW, new Random(1))));
    }

    @Test
    void parsesScheduleTextsAndNamesTheBadPart() {
        assertEquals(RetryPolicy.DEFAULT_SCHEDULE, RetryPolicy.parseSchedule("1m,5m,30m,2h,24h"));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofDays(1)),
                RetryPolicy.parseSchedule(" 200ms, 1s ,1d"));
        assertEquals(List.of(), RetryPolicy.parseSchedule(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.parseSchedule("1m,five minutes"));
        assertTrue(e.getMessage().contains("five minutes"));
    }

    @Test
    void formatsSchedulesAsTheyAreParsed() {
        assertEquals("1m,5m,30m,2h,1d", RetryPolicy.formatSchedule(RetryPolicy.DEFAULT_SCHEDULE));
        assertEquals("200ms,1s,90s,1d", RetryPolicy.formatSchedule(RetryPolicy.parseSchedule("200ms,1s,90s,24h")));
        assertEquals("", RetryPolicy.formatSchedule(List.of()));
    }

    @Test
    void refusesNonPositiveDelaysAndBadJitter() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(List.of(Duration.ZERO), 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(List.of(Duration.ofSeconds(1)), 1.0));
    }

    @Test
    void aSuccessIsNeverRetried() {
        AttemptOutcome ok = new AttemptOutcome.Response(200, Map.of(), "", false);
        assertThrows(IllegalArgumentException.class, () -> policy.afterFailure(1, ok, NOW, new Random(1)));
    }

    private static AttemptOutcome tooMany(String retryAfter) {
        return new AttemptOutcome.Response(429, Map.of("retry-after", retryAfter), "", false);
    }

    private static Instant retryAt(RetryDecision decision) {
        return assertInstanceOf(RetryDecision.RetryAt.class, decision).at();
    }
}
