package dev.hookline.domain.id;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time-ordered, prefixed identifiers such as {@code evt_01JH3Q9W6ZK8T2C4V5B7N9M0PX}.
 *
 * <p>The part after the prefix is a ULID: 48 bits of milliseconds since the epoch and 80 random
 * bits, in Crockford base 32. Ids made by one process are strictly increasing (within the same
 * millisecond the random part is incremented), so sorting by id sorts by creation time, which
 * the cursor pagination relies on.
 */
public final class PrefixedIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicReference<long[]> LAST = new AtomicReference<>(new long[] {0, 0, 0});

    private PrefixedIds() {
    }

    /** A new id with the given prefix (without the underscore), later than every id made before. */
    public static String next(String prefix) {
        return prefix + "_" + ulid(System.currentTimeMillis());
    }

    /** The creation time encoded in an id made by {@link #next}. */
    public static Instant timeOf(String id) {
        String ulid = id.substring(id.indexOf('_') + 1);
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | indexOf(ulid.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    /** Whether {@code id} has the prefix and the shape of an id made by {@link #next}. */
    public static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 27 || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            if (indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String ulid(long now) {
        long[] next;
        long[] last;
        do {
            last = LAST.get();
            if (now > last[0]) {
                next = new long[] {now, RANDOM.nextLong() & 0xFFFFL, RANDOM.nextLong() >>> 1};
            } else {
                // same (or a clock step back): keep the last time and increment the random part
                long lo = last[2] + 1;
                long hi = last[1] + (lo < 0 ? 1 : 0);
                next = new long[] {last[0], hi & 0xFFFFL, lo & Long.MAX_VALUE};
            }
        } while (!LAST.compareAndSet(last, next));
        char[] out = new char[26];
        long time = next[0];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits: 16 from hi, 64 from lo (63 used + 1 zero bit keeps increments simple)
        long lo = next[2];
        long hi = next[1];
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 58);
            hi >>>= 5;
        }
        return new String(out);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == Character.toUpperCase(c)) {
                return i;
            }
        }
        return -1;
    }
}
