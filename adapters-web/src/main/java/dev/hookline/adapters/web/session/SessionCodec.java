package dev.hookline.adapters.web.session;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed session cookies: {@code <base64url(userId|expiresEpochSecond|nonce)>.<base64url(HMAC-SHA256)>}.
 * Nothing secret is inside (the user id only); the signature makes it unforgeable, the expiry
 * bounds its life, and the CSRF token is an HMAC of the whole cookie value, so it changes with
 * every login. Comparisons are constant-time.
 */
public final class SessionCodec {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public SessionCodec(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the session key must have at least 32 bytes");
        }
        this.key = key.clone();
    }

    /**
     * What a valid cookie says.
     *
     * @param id the session's random nonce: what signing out records
     */
    public record Session(String userId, Instant expiresAt, String id) {
    }

    public String encode(String userId, Instant expiresAt) {
        if (userId.contains("|")) {
            throw new IllegalArgumentException("user id must not contain |");
        }
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload = B64.encodeToString((userId + "|" + expiresAt.getEpochSecond() + "|" + B64.encodeToString(nonce))
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(hmac("session:" + payload));
    }

    /** The session, when the value is well-formed, correctly signed and not expired at {@code now}. */
    public Optional<Session> decode(String value, Instant now) {
        if (value == null || value.length() > 512) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot < 1 || dot != value.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        byte[] signature;
        String text;
        try {
            signature = B64D.decode(value.substring(dot + 1));
            text = new String(B64D.decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(signature, hmac("session:" + payload))) {
            return Optional.empty();
        }
        String[] parts = text.split("\\|");
        if (parts.length != 3) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return expires.isAfter(now) ? Optional.of(new Session(parts[0], expires, parts[2])) : Optional.empty();
    }

    /** The CSRF token of a session (or of a pre-login nonce): derived, never stored. */
    public String csrfToken(String sessionValue) {
        return B64.encodeToString(hmac("csrf:" + sessionValue));
    }

    public boolean validCsrfToken(String sessionValue, String token) {
        if (sessionValue == null || token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /** A random value for the pre-login cookie that the login form's CSRF token is bound to. */
    public static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
