package dev.hookline.application.port.in;

import dev.hookline.application.port.out.Users.User;
import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.Optional;

/** Who is calling: an API key's account, or a web user by e-mail and password. */
public interface AuthenticateUseCase {

    Optional<AccountId> accountOfApiKey(String key);

    Optional<User> login(String email, String password);

    /** The user a web session belongs to, if the user still exists and the session was not signed out. */
    Optional<User> user(String userId, String sessionId);

    /** Ends a web session for good: its cookie, valid until {@code expiresAt}, is refused from now on. */
    void signOut(String sessionId, Instant expiresAt);
}
