package dev.hookline.application.port.out;

import dev.hookline.application.port.out.Users.User;
import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.Optional;

/** People who log in to the web pages: merchants (with an account) and operators (role admin). */
public interface Users {

    enum Role { MERCHANT, ADMIN }

    /**
     * @param accountId    {@code null} for operators
     * @param passwordHash a slow hash (see {@code PasswordHasher})
     */
    record User(String id, AccountId accountId, String email, String passwordHash, Role role, Instant createdAt) {
    }

    void add(User user);

    /** By e-mail, case-insensitive. */
    Optional<User> findByEmail(String email);

    Optional<User> findById(String id);

    long countByRole(Role role);

    /**
     * Records that the web session {@code sessionId} was signed out; its cookie would be valid until
     * {@code expiresAt}. Forgets the sessions whose cookies have expired by {@code now}.
     */
    void signOut(String sessionId, Instant expiresAt, Instant now);

    /** Whether the web session was signed out. */
    boolean signedOut(String sessionId);
}
