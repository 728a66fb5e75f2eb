package dev.hookline.adapters.web.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A value handed from one request to the next of the same user through a cookie, e.g. a new API
 * key shown once after a post/redirect/get: AES-256-GCM (key derived from the session key, so every
 * node can open it) over the value and its expiry, bound to the user and the purpose, so it is
 * unreadable in the cookie and useless to anyone else or for anything else.
 * {@code base64url(iv || ciphertext)}.
 */
public final class SealedValue {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public SealedValue(byte[] sessionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("sealed-value".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String purpose, String userId, String value, Instant expiresAt) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] plain = (expiresAt.getEpochSecond() + "|" + value).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, purpose, userId).doFinal(plain);
            return B64.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value, when {@code sealed} was sealed for this purpose and user and has not expired at {@code now}. */
    public Optional<String> open(String sealed, String purpose, String userId, Instant now) {
        if (sealed == null || sealed.length() > 2048) {
            return Optional.empty();
        }
        try {
            byte[] bytes = B64D.decode(sealed);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
            String plain = new String(cipher(Cipher.DECRYPT_MODE, iv, purpose, userId)
                    .doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 1 || !Instant.ofEpochSecond(Long.parseLong(plain.substring(0, bar))).isAfter(now)) {
                return Optional.empty();
            }
            return Optional.of(plain.substring(bar + 1));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64, tampered with, sealed for someone or something else, or a bad expiry
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] iv, String purpose, String userId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((purpose + "|" + userId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
