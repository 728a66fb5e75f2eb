package dev.hookline.domain.account;

import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.Objects;

/** A merchant. Everything a merchant sees is scoped to its account. */
public record Account(AccountId id, String name, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 200;

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("account name longer than " + MAX_NAME_LENGTH);
        }
    }
}
