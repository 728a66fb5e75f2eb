package dev.hookline.adapters.persistence.account;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.Users;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Users; e-mail addresses are stored lower-case so that look-ups are case-insensitive and unique. */
@Singleton
class JdbcUsers implements Users {

    private final UserRepository repository;
    private final Jdbc jdbc;

    JdbcUsers(UserRepository repository, Jdbc jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Override
    public void add(User user) {
        repository.save(UserRow.fromDomain(user));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return repository.findByEmail(UserRow.normalise(email)).map(UserRow::toDomain);
    }

    @Override
    public Optional<User> findById(String id) {
        return repository.findById(id).map(UserRow::toDomain);
    }

    @Override
    public long countByRole(Role role) {
        return repository.countByRole(role.name());
    }

    @Override
    public void signOut(String sessionId, Instant expiresAt, Instant now) {
        jdbc.update("DELETE FROM signed_out_sessions WHERE expires_at <= ?", now);
        if (expiresAt.isAfter(now) && !signedOut(sessionId)) {
            jdbc.update("INSERT INTO signed_out_sessions (session_id, expires_at) VALUES (?, ?)", sessionId, expiresAt);
        }
    }

    @Override
    public boolean signedOut(String sessionId) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM signed_out_sessions WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
