package dev.hookline.bootstrap;

import dev.hookline.adapters.web.session.SessionKey;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key that signs web sessions: {@code hookline.session-key} when set (any text, hashed to 32
 * bytes; set the same value on every node), else 32 random bytes generated into the data
 * directory on first start, so sessions survive restarts.
 */
@Singleton
public class SessionKeyProvider implements SessionKey {

    private final byte[] key;

    public SessionKeyProvider(DataDirectory data, @Value("${hookline.session-key:}") String configured) {
        if (DataDirectory.nonBlank(configured).isPresent()) {
            this.key = sha256(configured.trim());
        } else {
            String stored = data.valueOf("session-key", () -> DataDirectory.randomToken("", 32)).value();
            this.key = Base64.getUrlDecoder().decode(stored);
        }
    }

    @Override
    public byte[] sessionKey() {
        return key.clone();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
