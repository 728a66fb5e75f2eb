package dev.hookline.domain.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * An endpoint's signing secret: {@code whsec_} followed by the standard base64 of 24 to 64 key bytes
 * (32 when Hookline generates it). {@link #toString()} never shows the secret.
 */
public record SigningSecret(String value) {

    public static final String PREFIX = "whsec_";
    public static final int GENERATED_BYTES = 32;
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;

    public SigningSecret {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A new secret of 32 random bytes; pass a {@link java.security.SecureRandom}. */
    public static SigningSecret generate(RandomGenerator random) {
        byte[] key = new byte[GENERATED_BYTES];
        random.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /**
     * Checks a merchant-supplied secret. Surrounding whitespace (from copy and paste) is removed;
     * the key must be standard base64 (padding optional) of 24 to 64 bytes.
     */
    public static SecretParse parse(String text) {
        String secret = text == null ? null : text.strip();
        String problem = problem(secret);
        return problem == null ? new SecretParse.Valid(new SigningSecret(secret)) : new SecretParse.Invalid(problem);
    }

    /** Why {@code text} is not a secret, or null when it is one. */
    private static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "secret must not be blank";
        }
        if (!text.startsWith(PREFIX)) {
            return "secret must start with " + PREFIX;
        }
        int length;
        try {
            length = Base64.getDecoder().decode(text.substring(PREFIX.length())).length;
        } catch (IllegalArgumentException notBase64) {
            return "secret must be base64 after " + PREFIX;
        }
        if (length < MIN_BYTES || length > MAX_BYTES) {
            return "secret key must be " + MIN_BYTES + " to " + MAX_BYTES + " bytes, got " + length;
        }
        return null;
    }

    /** The key of the {@code standard} scheme: the base64-decoded part after {@code whsec_}. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    /** The key of the {@code hmac-sha256} and {@code timestamped} schemes: the UTF-8 bytes of the whole string. */
    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return PREFIX + "…(redacted)";
    }
}
