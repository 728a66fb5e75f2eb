package dev.hookline.domain.id;

import java.util.Objects;

/** Identifies a merchant account: {@code acc_} followed by a time-ordered ULID. */
public record AccountId(String value) implements Comparable<AccountId> {

    public static final String PREFIX = "acc";

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX + "_")) {
            throw new IllegalArgumentException("not a AccountId: " + value);
        }
    }

    public static AccountId generate() {
        return new AccountId(PrefixedIds.next(PREFIX));
    }

    /** Whether {@code text} is a well-formed id of this kind (use before {@code new} on user input). */
    public static boolean isValid(String text) {
        return PrefixedIds.looksLike(PREFIX, text);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
