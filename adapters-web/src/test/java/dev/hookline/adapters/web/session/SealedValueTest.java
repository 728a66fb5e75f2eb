package dev.hookline.adapters.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SealedValueTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final SealedValue sealer = new SealedValue(filled(7));

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void opensForTheSameUserAndPurposeUntilItExpires() {
        String sealed = sealer.seal("new-api-key", "usr_1", "hk_live_abc Build server", NOW.plusSeconds(120));
        assertFalse(sealed.contains("hk_live"), "not readable");
        assertNotEquals(sealed, sealer.seal("new-api-key", "usr_1", "hk_live_abc Build server", NOW.plusSeconds(120)),
                "a fresh IV each time");
        assertEquals(Optional.of("hk_live_abc Build server"), sealer.open(sealed, "new-api-key", "usr_1", NOW));
        assertEquals(Optional.empty(), sealer.open(sealed, "new-api-key", "usr_1", NOW.plusSeconds(120)), "expired");
        assertEquals(Optional.empty(), sealer.open(sealed, "new-api-key", "usr_2", NOW), "another user");
        assertEquals(Optional.empty(), sealer.open(sealed, "something-else", "usr_1", NOW), "another purpose");
        assertEquals(Optional.empty(), new SealedValue(filled(8)).open(sealed, "new-api-key", "usr_1", NOW),
                "another key");
    }

    @Test
    void anAlteredOrMalformedValueOpensToNothing() {
        String sealed = sealer.seal("p", "u", "value", NOW.plusSeconds(60));
        char c = sealed.charAt(20);
        String altered = sealed.substring(0, 20) + (c == 'A' ? 'B' : 'A') + sealed.substring(21);
        assertEquals(Optional.empty(), sealer.open(altered, "p", "u", NOW));
        for (String junk : new String[] {null, "", "!!!", "AAAA", "x".repeat(5000)}) {
            assertEquals(Optional.empty(), sealer.open(junk, "p", "u", NOW), String.valueOf(junk));
        }
    }
}
