package dev.hookline.application.port.in;

import dev.hookline.domain.account.Account;

/** Creates a merchant account with its first API key and, optionally, its first web user. */
public interface CreateAccountUseCase {

    record CreateAccountCommand(String name, String ownerEmail, String ownerPassword) {
    }

    /** @param apiKey the key in clear: shown once, stored only hashed */
    record CreatedAccount(Account account, String apiKey) {
    }

    Result<CreatedAccount> create(CreateAccountCommand command);
}
