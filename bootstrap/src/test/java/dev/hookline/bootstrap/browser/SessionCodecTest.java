package dev.hookline.bootstrap.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.adapters.web.session.SessionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCodecTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final byte[] key = filled(7);
    private final SessionCodec codec = new SessionCodec(key);

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void aCookieCarriesItsUserUntilItExpires() {
        String cookie = codec.encode("usr_1", NOW.plusSeconds(3600));
        SessionCodec.Session session = codec.decode(cookie, NOW).orElseThrow();
        assertEquals("usr_1", session.userId());
        assertEquals(NOW.plusSeconds(3600), session.expiresAt());
        assertEquals(16, session.id().length(), "12 random bytes, base64url: what signing out records");
        assertTrue(codec.decode(cookie, NOW.plusSeconds(3600)).isEmpty(), "expired");
        assertNotEquals(cookie, codec.encode("usr_1", NOW.plusSeconds(3600)), "a fresh nonce every login");
    }

    @Test
    void anyChangeOrAnotherKeyInvalidatesIt() {
        String cookie = codec.encode("usr_1", NOW.plusSeconds(3600));
        String payload = cookie.substring(0, cookie.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "usr_admin|9999999999|abc".getBytes(StandardCharsets.UTF_8)) + cookie.substring(cookie.indexOf('.'));
        assertTrue(codec.decode(forged, NOW).isEmpty(), "another user with the old signature");
        assertTrue(codec.decode(payload + ".AAAA", NOW).isEmpty());
        assertTrue(codec.decode(payload, NOW).isEmpty());
        assertTrue(codec.decode("", NOW).isEmpty());
        assertTrue(codec.decode("%%%.%%%", NOW).isEmpty());
        assertTrue(codec.decode(null, NOW).isEmpty());
        assertTrue(new SessionCodec(filled(8)).decode(cookie, NOW).isEmpty(), "another key");
    }

    @Test
    void csrfTokensAreBoundToTheirSession() {
        String a = codec.encode("usr_1", NOW.plusSeconds(3600));
        String b = codec.encode("usr_1", NOW.plusSeconds(3600));
        String token = codec.csrfToken(a);
        assertTrue(codec.validCsrfToken(a, token));
        assertFalse(codec.validCsrfToken(b, token), "another session of the same user");
        assertFalse(codec.validCsrfToken(a, ""));
        assertFalse(codec.validCsrfToken(a, null));
        assertFalse(codec.validCsrfToken(null, token));
        assertFalse(new SessionCodec(filled(8)).validCsrfToken(a, token));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SessionCodec(new byte[16]));
    }
}
