package dev.hookline.application.port.out;

import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import java.util.Optional;

/** The merchant accounts. */
public interface Accounts {

    void add(Account account);

    Optional<Account> find(AccountId id);

    long count();
}
