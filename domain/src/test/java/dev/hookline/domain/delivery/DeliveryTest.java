package dev.hookline.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import dev.hookline.domain.event.EventTypeName;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

    private static Delivery pending() {
        return Delivery.create(AccountId.generate(), EventId.generate(), new EventTypeName("payment.succeeded"),
                EndpointId.generate(), true, 6, T0);
    }

    @Test
    void aNewDeliveryToAnEnabledEndpointIsDueNow() {
        Delivery d = pending();
        assertEquals(DeliveryStatus.PENDING, d.status());
        assertEquals(T0, d.nextAttemptAt());
        assertTrue(d.isClaimable(T0));
        assertEquals(AttemptTrigger.SCHEDULED, d.trigger());
    }

    @Test
    void aNewDeliveryToADisabledEndpointIsHeldAndNotClaimable() {
        Delivery d = Delivery.create(AccountId.generate(), EventId.generate(), new EventTypeName("payment.succeeded"),
                EndpointId.generate(), false, 6, T0);
        assertEquals(DeliveryStatus.HELD, d.status());
        assertFalse(d.isClaimable(T0.plusSeconds(3600)));
        assertThrows(IllegalStateException.class, () -> d.claim(T0, T0.plusSeconds(60)));
    }

    @Test
    void claimedThenSucceeded() {
        Delivery sending = pending().claim(T0, T0.plusSeconds(60));
        assertEquals(DeliveryStatus.SENDING, sending.status());
        assertEquals(T0.plusSeconds(60), sending.leaseUntil());
        Delivery done = sending.succeeded(200, T0.plusSeconds(1));
        assertEquals(DeliveryStatus.SUCCEEDED, done.status());
        assertEquals(1, done.attempts());
        assertEquals(200, done.lastStatusCode());
        assertNull(done.leaseUntil());
    }

    @Test
    void aSendingDeliveryIsClaimableAgainOnlyAfterItsLeaseExpires() {
        Delivery sending = pending().claim(T0, T0.plusSeconds(60));
        assertFalse(sending.isClaimable(T0.plusSeconds(59)));
        assertTrue(sending.isClaimable(T0.plusSeconds(60)));
        assertEquals(T0.plusSeconds(120), sending.claim(T0.plusSeconds(60), T0.plusSeconds(120)).leaseUntil());
    }

    @Test
    void aFailureWithRetriesLeftWaitsUntilItsTime() {
        Delivery retrying = pending().claim(T0, T0.plusSeconds(60)).retryAt(T0.plusSeconds(60), 500, T0);
        assertEquals(DeliveryStatus.RETRYING, retrying.status());
        assertFalse(retrying.isClaimable(T0.plusSeconds(59)));
        assertTrue(retrying.isClaimable(T0.plusSeconds(60)));
    }

    @Test
    void theLastAllowedAttemptIsKnownBeforeRecording() {
        Delivery d = pending();
        for (int i = 0; i < 5; i++) {
            d = d.claim(T0, T0.plusSeconds(60));
            assertFalse(d.isLastAttempt());
            d = d.retryAt(T0, 500, T0);
        }
        d = d.claim(T0, T0.plusSeconds(60));
        assertTrue(d.isLastAttempt());
        assertEquals(DeliveryStatus.FAILED, d.failed(500, T0).status());
    }

    @Test
    void manualRetryOfAFailedDeliveryAllowsExactlyOneMoreAttemptLoggedAsManual() {
        Delivery failed = pending().claim(T0, T0.plusSeconds(60)).failed(500, T0);
        Delivery retried = failed.retryManually(T0.plusSeconds(5));
        assertEquals(DeliveryStatus.PENDING, retried.status());
        assertEquals(AttemptTrigger.MANUAL, retried.trigger());
        assertEquals(T0.plusSeconds(5), retried.nextAttemptAt());
        assertTrue(retried.claim(T0.plusSeconds(5), T0.plusSeconds(65)).isLastAttempt());
    }

    @Test
    void aRetryingDeliveryCanBeSentNowByHandKeepingTheScheduledAttemptsItHadLeft() {
        Delivery retrying = pending().claim(T0, T0.plusSeconds(60)).retryAt(T0.plusSeconds(300), 500, T0);
        Delivery now = retrying.retryManually(T0.plusSeconds(5));
        assertEquals(DeliveryStatus.PENDING, now.status());
        assertEquals(AttemptTrigger.MANUAL, now.trigger());
        assertEquals(T0.plusSeconds(5), now.nextAttemptAt());
        assertEquals(retrying.attemptLimit() + 1, now.attemptLimit());
        assertEquals(retrying.attempts(), now.attempts());
    }

    @Test
    void onlyFailedExpiredOrRetryingDeliveriesCanBeRetriedByHand() {
        assertThrows(IllegalStateException.class, () -> pending().retryManually(T0));
        Delivery ok = pending().claim(T0, T0.plusSeconds(60)).succeeded(204, T0);
        assertThrows(IllegalStateException.class, () -> ok.retryManually(T0));
    }

    @Test
    void heldDeliveriesAreClaimedStraightFromTheHoldOrExpire() {
        Delivery retrying = pending().claim(T0, T0.plusSeconds(60)).retryAt(T0.plusSeconds(60), 500, T0);
        Delivery held = retrying.hold(T0.plusSeconds(1));
        assertEquals(DeliveryStatus.HELD, held.status());
        assertFalse(held.isClaimable(T0.plusSeconds(120)), "not due: only a claim of the hold takes it");
        Delivery claimed = held.claimHeld(T0.plusSeconds(10), T0.plusSeconds(70));
        assertEquals(DeliveryStatus.SENDING, claimed.status());
        assertEquals(T0.plusSeconds(70), claimed.leaseUntil());
        assertEquals(1, claimed.attempts(), "the attempts before the hold count");
        assertThrows(IllegalStateException.class, () -> pending().claimHeld(T0, T0.plusSeconds(60)));
        assertEquals(DeliveryStatus.EXPIRED, held.expire(T0).status());
        assertEquals(DeliveryStatus.PENDING, held.expire(T0).retryManually(T0).status());
    }

    @Test
    void aDeliveryHandedBackUnsentKeepsItsAttemptCount() {
        Delivery back = pending().claim(T0, T0.plusSeconds(60)).handBack(T0.plusMillis(50), T0);
        assertEquals(DeliveryStatus.PENDING, back.status());
        assertEquals(0, back.attempts());
        assertEquals(T0.plusMillis(50), back.nextAttemptAt());
    }

    @Test
    void outcomesCanOnlyBeRecordedForASendingDelivery() {
        assertThrows(IllegalStateException.class, () -> pending().succeeded(200, T0));
        assertThrows(IllegalStateException.class, () -> pending().failed(500, T0));
        assertThrows(IllegalStateException.class, () -> pending().hold(T0).succeeded(200, T0));
    }

    @ParameterizedTest
    @EnumSource(DeliveryStatus.class)
    void theStateMachineAllowsOnlyTheDesignedTransitions(DeliveryStatus from) {
        EnumSet<DeliveryStatus> expected = switch (from) {
            case PENDING -> EnumSet.of(DeliveryStatus.SENDING, DeliveryStatus.HELD);
            case SENDING -> EnumSet.of(DeliveryStatus.SENDING, DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED,
                    DeliveryStatus.RETRYING, DeliveryStatus.FAILED, DeliveryStatus.HELD);
            case RETRYING -> EnumSet.of(DeliveryStatus.SENDING, DeliveryStatus.HELD, DeliveryStatus.PENDING);
            case HELD -> EnumSet.of(DeliveryStatus.SENDING, DeliveryStatus.EXPIRED);
            case FAILED, EXPIRED -> EnumSet.of(DeliveryStatus.PENDING);
            case SUCCEEDED -> EnumSet.noneOf(DeliveryStatus.class);
        };
        for (DeliveryStatus to : DeliveryStatus.values()) {
            assertEquals(expected.contains(to), from.canMoveTo(to), from + " -> " + to);
        }
    }

    @Test
    void aSucceededDeliveryCannotBeHeld() {
        Delivery ok = pending().claim(T0, T0.plusSeconds(60)).succeeded(200, T0);
        assertThrows(IllegalStateException.class, () -> ok.hold(T0));
    }
}
