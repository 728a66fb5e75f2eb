package dev.hookline.domain.endpoint;

import static dev.hookline.domain.delivery.DeliveryStatus.FAILED;
import static dev.hookline.domain.delivery.DeliveryStatus.HELD;
import static dev.hookline.domain.delivery.DeliveryStatus.RETRYING;
import static dev.hookline.domain.delivery.DeliveryStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private final AutoDisablePolicy policy = new AutoDisablePolicy(Duration.ofDays(5));

    @Test
    void aNewEndpointIsActive() {
        assertInstanceOf(EndpointStatus.Active.class, EndpointStatus.of(null, EndpointHealth.fresh()));
    }

    @Test
    void threeConsecutiveFailuresMakeItFailingAndASuccessMakesItActiveAgain() {
        EndpointHealth h = EndpointHealth.fresh().afterAttempt(RETRYING, T0).afterAttempt(RETRYING, T0.plusSeconds(60));
        assertInstanceOf(EndpointStatus.Active.class, EndpointStatus.of(null, h));
        h = h.afterAttempt(RETRYING, T0.plusSeconds(360));
        assertInstanceOf(EndpointStatus.Failing.class, EndpointStatus.of(null, h));
        assertEquals(T0, h.failingSince());
        h = h.afterAttempt(SUCCEEDED, T0.plusSeconds(400));
        assertInstanceOf(EndpointStatus.Active.class, EndpointStatus.of(null, h));
        assertEquals(0, h.consecutiveFailures());
        assertEquals(null, h.failingSince());
    }

    @Test
    void oneFailureAfterAnExhaustedDeliveryIsFailing() {
        EndpointHealth h = EndpointHealth.fresh().afterAttempt(FAILED, T0);
        assertTrue(h.failing());
    }

    @Test
    void theLatestAttemptIsRememberedWithWhereItLeftItsDeliveryAndSurvivesAReEnable() {
        EndpointHealth h = EndpointHealth.fresh();
        assertEquals(null, h.lastAttemptAt());
        assertEquals(null, h.lastDeliveryStatus());
        h = h.afterAttempt(SUCCEEDED, T0).afterAttempt(RETRYING, T0.plusSeconds(5));
        assertEquals(T0.plusSeconds(5), h.lastAttemptAt());
        assertEquals(RETRYING, h.lastDeliveryStatus());
        h = h.afterAttempt(HELD, T0.plusSeconds(9));
        assertEquals(HELD, h.lastDeliveryStatus(), "a failure on an endpoint disabled meanwhile holds its delivery");
        assertEquals(2, h.consecutiveFailures());
        assertFalse(h.exhaustedSinceSuccess());

        EndpointHealth failed = h.afterAttempt(FAILED, T0.plusSeconds(12));
        EndpointHealth restarted = failed.restarted(T0.plusSeconds(60));
        assertEquals(new EndpointHealth(3, T0.plusSeconds(60), true, T0.plusSeconds(12), FAILED), restarted);
        assertEquals("failing", EndpointStatus.of(null, restarted).code(), "still failing: nothing succeeded since");
        assertEquals(Optional.empty(), policy.check(restarted, T0.plusSeconds(60).plus(Duration.ofDays(4))),
                "the auto-disable period starts over");
        assertTrue(policy.check(restarted, T0.plusSeconds(60).plus(Duration.ofDays(5))).isPresent());
        assertEquals(EndpointHealth.fresh().afterAttempt(SUCCEEDED, T0).restarted(T0.plusSeconds(60)),
                EndpointHealth.fresh().afterAttempt(SUCCEEDED, T0), "a healthy endpoint is left as it was");
    }

    @Test
    void disabledWinsAndShowsTheReason() {
        Disablement by = Disablement.byMerchant(T0);
        EndpointStatus status = EndpointStatus.of(by, EndpointHealth.fresh());
        assertEquals("disabled", status.code());
        assertEquals(by, assertInstanceOf(EndpointStatus.Disabled.class, status).disablement());
        assertFalse(by.automatic());
    }

    @Test
    void goneDisablesAtOnceWithTheReason() {
        Disablement d = policy.afterAttempt(410, T0).orElseThrow();
        assertEquals(Disablement.Cause.GONE, d.cause());
        assertTrue(d.reason().contains("410"));
        assertTrue(policy.afterAttempt(null, T0).isEmpty(), "no answer");
        assertTrue(policy.afterAttempt(500, T0).isEmpty());
    }

    @Test
    void continuousFailureDisablesOnlyAfterTheWindowAndWithAnExhaustedDelivery() {
        EndpointHealth failing = EndpointHealth.fresh().afterAttempt(RETRYING, T0);
        Instant later = T0.plus(Duration.ofDays(5));
        assertTrue(policy.check(failing, later).isEmpty(), "no exhausted delivery yet");
        EndpointHealth exhausted = failing.afterAttempt(FAILED, T0.plusSeconds(60));
        assertTrue(policy.check(exhausted, later.minusSeconds(1)).isEmpty(), "not yet 5 days");
        Disablement d = policy.check(exhausted, later).orElseThrow();
        assertEquals(Disablement.Cause.CONTINUOUS_FAILURE, d.cause());
        assertTrue(d.reason().contains("5 days"), d.reason());
    }

    @Test
    void aSuccessStartsTheWindowOver() {
        EndpointHealth h = EndpointHealth.fresh().afterAttempt(FAILED, T0)
                .afterAttempt(SUCCEEDED, T0.plus(Duration.ofDays(4))).afterAttempt(RETRYING, T0.plus(Duration.ofDays(4)));
        assertTrue(policy.check(h, T0.plus(Duration.ofDays(6))).isEmpty());
    }
}
