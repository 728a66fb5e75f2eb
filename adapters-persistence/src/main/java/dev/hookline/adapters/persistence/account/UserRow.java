package dev.hookline.adapters.persistence.account;

import dev.hookline.application.port.out.Users.Role;
import dev.hookline.application.port.out.Users.User;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Locale;

@MappedEntity("users")
record UserRow(@Id String id, @Nullable String accountId, String email, String passwordHash, String role,
               Instant createdAt) {

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static UserRow fromDomain(User user) {
        return new UserRow(user.id(), user.accountId() == null ? null : user.accountId().value(),
                normalise(user.email()), user.passwordHash(), user.role().name(), user.createdAt());
    }

    User toDomain() {
        return new User(id, accountId == null ? null : new AccountId(accountId), email, passwordHash,
                Role.valueOf(role), createdAt);
    }
}
