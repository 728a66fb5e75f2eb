package dev.hookline.adapters.persistence.account;

import dev.hookline.application.port.out.Users;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Users; e-mail addresses are stored lower-case so that look-ups are case-insensitive and unique. */
@Singleton
class JdbcUsers implements Users {

    private final UserRepository repository;

    JdbcUsers(UserRepository repository) {
        this.repository = repository;
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
}
