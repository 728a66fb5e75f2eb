package dev.hookline.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.id.DeliveryId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:59:59.999Z");

    private static Attempt attempt(AttemptOutcome outcome, long millis) {
        return new Attempt(AttemptId.generate(), DeliveryId.generate(), 1, AttemptTrigger.SCHEDULED, T0,
                Duration.ofMillis(millis), Map.of(), outcome);
    }

    private static AttemptOutcome answered(int status) {
        return new AttemptOutcome.Response(status, Map.of(), "", false);
    }

    @Test
    void anAttemptCountsItselfItsDurationAndWhereItLeftTheDelivery() {
        assertEquals(new DeliveryTally(1, 1, 120, 1, 0), DeliveryTally.of(attempt(answered(204), 120), DeliveryStatus.SUCCEEDED));
        assertEquals(new DeliveryTally(1, 0, 30, 0, 0), DeliveryTally.of(attempt(answered(500), 30), DeliveryStatus.RETRYING));
        assertEquals(new DeliveryTally(1, 0, 30_000, 0, 1), DeliveryTally.of(
                attempt(new AttemptOutcome.Failure(ErrorKind.TIMEOUT, "timed out"), 30_000), DeliveryStatus.FAILED));
        // a retry due while the endpoint is disabled is held: neither finished
        assertEquals(new DeliveryTally(1, 0, 5, 0, 0), DeliveryTally.of(attempt(answered(503), 5), DeliveryStatus.HELD));
    }

    @Test
    void talliesAddUpAndGiveTheSuccessRateOfFinishedDeliveries() {
        DeliveryTally sum = DeliveryTally.NONE
                .plus(new DeliveryTally(3, 1, 300, 1, 0))
                .plus(new DeliveryTally(2, 0, 100, 0, 1))
                .plus(new DeliveryTally(1, 1, 200, 1, 0));
        assertEquals(new DeliveryTally(6, 2, 600, 2, 1), sum);
        assertEquals(200.0 / 3, sum.successRate().orElseThrow(), 1e-9);
        assertEquals(100.0, sum.averageMillis().orElseThrow());
        assertEquals(Optional.empty(), DeliveryTally.NONE.successRate());
        assertEquals(Optional.empty(), DeliveryTally.NONE.averageMillis());
        // attempts without a finished delivery: no rate yet
        assertEquals(Optional.empty(), new DeliveryTally(4, 0, 10, 0, 0).successRate());
    }

    @Test
    void anAttemptCountsInTheUtcHourItStarted() {
        long hour = DeliveryTally.epochHour(T0);
        assertEquals(Instant.parse("2026-11-27T10:00:00Z").getEpochSecond() / 3600, hour);
        assertEquals(hour + 1, DeliveryTally.epochHour(T0.plusMillis(1)));
        assertEquals(0, DeliveryTally.epochHour(Instant.EPOCH.plusSeconds(3599)));
        assertEquals(-1, DeliveryTally.epochHour(Instant.EPOCH.minusSeconds(1)));
    }

    @Test
    void retriedFailuresLeaveTheirHourButNeverBelowZero() {
        DeliveryTally hour = new DeliveryTally(5, 2, 100, 1, 2);
        assertEquals(new DeliveryTally(5, 2, 100, 1, 1), hour.withoutFailures(1), "attempts stay: they were made");
        assertEquals(100.0, hour.withoutFailures(2).successRate().orElseThrow());
        assertEquals(new DeliveryTally(5, 2, 100, 1, 0), hour.withoutFailures(3));
        assertThrows(IllegalArgumentException.class, () -> hour.withoutFailures(-1));
    }

    @Test
    void countsCannotBeNegativeOrInconsistent() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTally(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTally(1, 2, 0, 0, 0));
    }
}
