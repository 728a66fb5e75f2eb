package dev.hookline.domain.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint's secrets: the current one, and older ones that still sign until they expire, so
 * that a receiver can switch to the new secret without dropping deliveries.
 *
 * @param previous newest first (latest expiry first); the constructor puts them in that order
 */
public record SecretRing(SigningSecret current, List<PreviousSecret> previous) {

    private static final Comparator<PreviousSecret> NEWEST_FIRST =
            Comparator.comparing(PreviousSecret::expiresAt).reversed();

    public SecretRing {
        Objects.requireNonNull(current, "current");
        List<PreviousSecret> sorted = new ArrayList<>(previous);
        sorted.sort(NEWEST_FIRST);
        previous = List.copyOf(sorted);
    }

    public static SecretRing of(SigningSecret current) {
        return new SecretRing(current, List.of());
    }

    /**
     * Makes {@code next} the current secret. The current one becomes a previous secret expiring at
     * {@code now + overlap} (not kept at all when the overlap is zero); previous secrets already
     * expired at {@code now} are dropped.
     *
     * @throws IllegalArgumentException if {@code next} is the current secret or the overlap is negative
     */
    public SecretRing rotate(SigningSecret next, Instant now, Duration overlap) {
        Objects.requireNonNull(next, "next");
        if (next.equals(current)) {
            throw new IllegalArgumentException("the new secret must differ from the current one");
        }
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap must not be negative: " + overlap);
        }
        List<PreviousSecret> kept = new ArrayList<>(previous.size() + 1);
        if (!overlap.isZero()) {
            kept.add(new PreviousSecret(current, now.plus(overlap)));
        }
        for (PreviousSecret older : previous) {
            if (older.liveAt(now) && !older.secret().equals(next)) {
                kept.add(older);
            }
        }
        return new SecretRing(next, kept);
    }

    /** Until when a previous secret still signs beside the current one, if one does at {@code now}. */
    public Optional<Instant> previousSignUntil(Instant now) {
        return previous.stream().filter(p -> p.liveAt(now)).map(PreviousSecret::expiresAt).findFirst();
    }

    /** The secrets that sign at {@code now}, newest first: the current one, then the unexpired previous ones. */
    public List<SigningSecret> live(Instant now) {
        if (previous.isEmpty()) {
            return List.of(current);
        }
        List<SigningSecret> live = new ArrayList<>(previous.size() + 1);
        live.add(current);
        for (PreviousSecret older : previous) {
            if (older.liveAt(now)) {
                live.add(older.secret());
            }
        }
        return Collections.unmodifiableList(live);
    }
}
