package dev.hookline.adapters.web.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.hookline.application.port.out.PasswordHasher;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** bcrypt ({@code hookline.security.bcrypt-cost}, default 12) for web users' passwords. */
@Singleton
public class BcryptPasswordHasher implements PasswordHasher {

    /** Passwords over bcrypt's 72 bytes are pre-hashed with SHA-512 instead of silently cut. */
    private static final LongPasswordStrategy LONG_PASSWORDS =
            LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A);

    private final int cost;

    public BcryptPasswordHasher(@Value("${hookline.security.bcrypt-cost:12}") int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.with(LONG_PASSWORDS).hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$2")) {
            return false;
        }
        return BCrypt.verifyer(BCrypt.Version.VERSION_2A, LONG_PASSWORDS).verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
