package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecretRingTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private final SplittableRandom random = new SplittableRandom(42);
    private final SigningSecret first = SigningSecret.generate(random);
    private final SigningSecret second = SigningSecret.generate(random);
    private final SigningSecret third = SigningSecret.generate(random);

    @Test
    void aNewRingSignsWithItsOnlySecret() {
        assertEquals(List.of(first), SecretRing.of(first).live(T0));
    }

    @Test
    void afterRotationBothSecretsSignNewestFirst() {
        SecretRing rotated = SecretRing.of(first).rotate(second, T0, DAY);

        assertEquals(second, rotated.current());
        assertEquals(List.of(new PreviousSecret(first, T0.plus(DAY))), rotated.previous());
        assertEquals(List.of(second, first), rotated.live(T0));
        assertEquals(List.of(second, first), rotated.live(T0.plus(DAY).minusMillis(1)));
    }

    @Test
    void afterTheOverlapOnlyTheNewSecretSigns() {
        SecretRing rotated = SecretRing.of(first).rotate(second, T0, DAY);

        assertEquals(List.of(second), rotated.live(T0.plus(DAY)));
        assertEquals(List.of(second), rotated.live(T0.plus(DAY).plusSeconds(3600)));
    }

    @Test
    void thePreviousSecretsSignUntilTheLatestExpiryOfThoseStillLive() {
        assertEquals(Optional.empty(), SecretRing.of(first).previousSignUntil(T0));
        SecretRing twice = SecretRing.of(first).rotate(second, T0, DAY).rotate(third, T0.plusSeconds(60), DAY);
        assertEquals(Optional.of(T0.plusSeconds(60).plus(DAY)), twice.previousSignUntil(T0.plusSeconds(60)));
        assertEquals(Optional.empty(), twice.previousSignUntil(T0.plusSeconds(60).plus(DAY)));
    }

    @Test
    void aSecondRotationDropsExpiredSecretsAndKeepsLiveOnes() {
        SecretRing twice = SecretRing.of(first).rotate(second, T0, DAY).rotate(third, T0.plus(DAY).plusSeconds(1), DAY);

        assertEquals(List.of(new PreviousSecret(second, T0.plus(DAY).plus(DAY).plusSeconds(1))), twice.previous());
        assertEquals(List.of(third, second), twice.live(T0.plus(DAY).plusSeconds(1)));

        SecretRing quickly = SecretRing.of(first).rotate(second, T0, DAY).rotate(third, T0.plusSeconds(60), DAY);
        assertEquals(List.of(third, second, first), quickly.live(T0.plusSeconds(60)));
        assertEquals(List.of(third, second), quickly.live(T0.plus(DAY)));
    }

    @Test
    void previousSecretsAreKeptNewestFirstWhateverOrderTheyAreGivenIn() {
        PreviousSecret older = new PreviousSecret(first, T0.plusSeconds(10));
        PreviousSecret newer = new PreviousSecret(second, T0.plusSeconds(20));

        SecretRing ring = new SecretRing(third, List.of(older, newer));

        assertEquals(List.of(newer, older), ring.previous());
        assertEquals(List.of(third, second, first), ring.live(T0));
    }

    @Test
    void aZeroOverlapRetiresTheOldSecretAtOnce() {
        assertEquals(List.of(second), SecretRing.of(first).rotate(second, T0, Duration.ZERO).live(T0));
        assertEquals(List.of(), SecretRing.of(first).rotate(second, T0, Duration.ZERO).previous());
    }

    @Test
    void rotationRefusesTheSameSecretAndANegativeOverlap() {
        SecretRing ring = SecretRing.of(first);

        assertThrows(IllegalArgumentException.class, () -> ring.rotate(first, T0, DAY));
        assertThrows(IllegalArgumentException.class, () -> ring.rotate(second, T0, Duration.ofSeconds(-1)));
    }
}
