package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.id.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DueSignalsTest {

    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private static final EndpointId BUSY = EndpointId.generate();
    private static final EndpointId OTHER = EndpointId.generate();

    private final DueSignals signals = new DueSignals(Duration.ofSeconds(1));

    /** A first claim, then one that found too few while BUSY was left out. */
    private void quietOutsideBusy() {
        assertTrue(signals.worthClaiming(Set.of(BUSY), T), "nothing is known before the first claim");
        signals.claimed(Set.of(BUSY), true, T);
    }

    @Test
    void afterAnExhaustedClaimAPublishForAnEndpointLeftOutIsNotWorthAClaim() {
        quietOutsideBusy();
        signals.due(List.of(BUSY));
        assertFalse(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
        assertFalse(signals.worthClaiming(Set.of(BUSY, OTHER), T.plusMillis(20)), "more left out finds no more");
    }

    @Test
    void aPublishForAnotherEndpointIsWorthAClaim() {
        quietOutsideBusy();
        signals.due(List.of(BUSY, OTHER));
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
    }

    @Test
    void anEndpointWithASlotAgainIsWorthAClaim() {
        quietOutsideBusy();
        assertTrue(signals.worthClaiming(Set.of(), T.plusMillis(10)));
    }

    @Test
    void dueSomewhereUnknownIsWorthAClaim() {
        quietOutsideBusy();
        signals.dueAnywhere();
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
    }

    @Test
    void afterTheRecheckIntervalAClaimLooksAgainForWhatFellDueWithTime() {
        quietOutsideBusy();
        assertFalse(signals.worthClaiming(Set.of(BUSY), T.plusMillis(999)));
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusSeconds(1)));
    }

    @Test
    void aClaimThatFoundAllItAskedForSaysNothingAboutWhatIsLeft() {
        assertTrue(signals.worthClaiming(Set.of(BUSY), T));
        signals.claimed(Set.of(BUSY), false, T);
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
    }

    @Test
    void signalsAreTakenByTheClaimThatSawThemAndLaterOnesCountForTheNext() {
        quietOutsideBusy();
        signals.due(List.of(OTHER));
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
        signals.due(List.of(OTHER)); // arrives while that claim runs: it may not have seen it
        signals.claimed(Set.of(BUSY), true, T.plusMillis(11));
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(12)));
        signals.claimed(Set.of(BUSY), true, T.plusMillis(13));
        assertFalse(signals.worthClaiming(Set.of(BUSY), T.plusMillis(14)), "taken now");
    }

    @Test
    void aClaimThatFailedLeavesTheNextOneToLook() {
        quietOutsideBusy();
        signals.due(List.of(OTHER));
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(10)));
        // the claim threw: claimed(..) never came
        assertTrue(signals.worthClaiming(Set.of(BUSY), T.plusMillis(20)));
    }
}
