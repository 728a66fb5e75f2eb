package dev.hookline.adapters.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15), clock);

    @Test
    void anAddressIsBlockedAfterTooManyFailuresUntilTheOldestLeavesTheWindow() {
        throttle.failed("shop@example.com");
        now = now.plusSeconds(60);
        throttle.failed("shop@example.com");
        assertEquals(Optional.empty(), throttle.blockedFor("shop@example.com"));
        now = now.plusSeconds(60);
        throttle.failed("shop@example.com");
        assertEquals(Optional.of(Duration.ofMinutes(13)), throttle.blockedFor("shop@example.com"));
        now = now.plus(Duration.ofMinutes(13));
        assertEquals(Optional.empty(), throttle.blockedFor("shop@example.com"), "the first failure left the window");
    }

    @Test
    void addressesAreCountedApartIgnoringCaseAndSpaces() {
        for (int i = 0; i < 3; i++) {
            throttle.failed(" Shop@Example.com");
        }
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.blockedFor("shop@example.com"));
        assertEquals(Optional.empty(), throttle.blockedFor("other@example.com"));
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() {
        throttle.failed("shop@example.com");
        throttle.failed("shop@example.com");
        throttle.succeeded("shop@example.com");
        throttle.failed("shop@example.com");
        throttle.failed("shop@example.com");
        assertEquals(Optional.empty(), throttle.blockedFor("shop@example.com"));
    }

    @Test
    void atLeastOneFailureMustBeAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(1), clock));
    }
}
