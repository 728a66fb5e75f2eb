package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import org.junit.jupiter.api.Test;

class TransactionsTest extends DatabaseTest {

    @Test
    void aFailedUnitOfWorkLeavesNothingBehindIncludingNestedWork() {
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            accounts.add(new Account(AccountId.generate(), "outer", T0));
            tx.run(() -> accounts.add(new Account(AccountId.generate(), "inner", T0)));
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, accounts.count());
    }

    @Test
    void nestedUnitsOfWorkCommitWithTheOuterOne() {
        tx.run(() -> {
            accounts.add(new Account(AccountId.generate(), "outer", T0));
            tx.run(() -> accounts.add(new Account(AccountId.generate(), "inner", T0)));
        });
        assertEquals(2, accounts.count());
    }

    @Test
    void jdbcWorkJoinsTheTransaction() {
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            AccountId account = newAccount();
            newEvent(account); // plain JDBC insert
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, count("SELECT COUNT(*) FROM events"));
        assertEquals(0, accounts.count());
    }

    @Test
    void aDurableUnitOfWorkCommitsAndSyncsAndInsideAnotherItJoinsThatOne() {
        AccountId kept = AccountId.generate();
        // on H2 this runs CHECKPOINT SYNC after the commit (it needs the admin user Hookline runs as)
        assertEquals(kept, tx.inDurableTransaction(() -> {
            accounts.add(new Account(kept, "durable", T0));
            return kept;
        }));
        assertEquals(1, accounts.count());
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            tx.inDurableTransaction(() -> {
                accounts.add(new Account(AccountId.generate(), "inner", T0));
                return null;
            });
            throw new IllegalStateException("boom");
        }));
        assertEquals(1, accounts.count(), "the inner durable work went with the outer rollback");
    }
}
