package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.application.port.out.Users.Role;
import dev.hookline.application.port.out.Users.User;
import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountsUsersKeysAndTypesTest extends DatabaseTest {

    @Test
    void storesAndFindsAccounts() {
        Account account = new Account(AccountId.generate(), "Acme Ltd", T0);
        accounts.add(account);
        assertEquals(Optional.of(account), accounts.find(account.id()));
        assertEquals(Optional.empty(), accounts.find(AccountId.generate()));
        assertEquals(1, accounts.count());
    }

    @Test
    void findsUsersByEmailIgnoringCase() {
        AccountId account = newAccount();
        users.add(new User("usr_1", account, "Jane.Doe@Example.COM", "$2a$10$hash", Role.MERCHANT, T0));
        users.add(new User("usr_2", null, "admin@localhost", "$2a$10$hash", Role.ADMIN, T0));

        User found = users.findByEmail("jane.doe@example.com").orElseThrow();
        assertEquals("jane.doe@example.com", found.email());
        assertEquals(account, found.accountId());
        assertEquals(Role.MERCHANT, found.role());
        assertEquals(T0, found.createdAt());
        assertTrue(users.findByEmail("JANE.DOE@EXAMPLE.COM").isPresent());
        assertEquals(null, users.findByEmail("ADMIN@localhost").orElseThrow().accountId());
        assertEquals(1, users.countByRole(Role.ADMIN));
        assertEquals(1, users.countByRole(Role.MERCHANT));
    }

    @Test
    void findsOnlyActiveKeysByHashAndRevokesWithinTheAccount() {
        AccountId account = newAccount();
        AccountId other = newAccount();
        ApiKey key = new ApiKey("key_1", account, "CI", "hk_live_ab", "a".repeat(64), T0, null, null);
        apiKeys.add(key);
        apiKeys.add(new ApiKey("key_2", account, "Old", "hk_live_cd", "b".repeat(64), T0.plusSeconds(1), null, null));

        assertEquals(Optional.of(key), apiKeys.findActiveByHash("a".repeat(64)));
        assertEquals(List.of("key_2", "key_1"), apiKeys.ofAccount(account).stream().map(ApiKey::id).toList());
        assertFalse(apiKeys.revoke(other, "key_2", T0), "another account's key");
        assertTrue(apiKeys.revoke(account, "key_2", T0.plusSeconds(5)));
        assertFalse(apiKeys.revoke(account, "key_2", T0.plusSeconds(6)), "already revoked");
        assertEquals(Optional.empty(), apiKeys.findActiveByHash("b".repeat(64)));
        assertEquals(T0.plusSeconds(5), apiKeys.ofAccount(account).get(0).revokedAt());

        apiKeys.used("key_1", T0.plusSeconds(60), T0);
        assertEquals(T0.plusSeconds(60), apiKeys.findActiveByHash("a".repeat(64)).orElseThrow().lastUsedAt());
        apiKeys.used("key_1", T0.plusSeconds(70), T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(60), apiKeys.findActiveByHash("a".repeat(64)).orElseThrow().lastUsedAt(),
                "a use recorded since the cut-off is kept (one write a minute per key)");
        apiKeys.used("key_1", T0.plusSeconds(200), T0.plusSeconds(140));
        assertEquals(T0.plusSeconds(200), apiKeys.findActiveByHash("a".repeat(64)).orElseThrow().lastUsedAt());
    }

    @Test
    void signedOutSessionsAreRememberedUntilTheirCookiesExpire() {
        tx.run(() -> users.signOut("sess_a", T0.plusSeconds(3600), T0));
        tx.run(() -> users.signOut("sess_a", T0.plusSeconds(3600), T0.plusSeconds(1)));
        tx.run(() -> users.signOut("sess_expired", T0, T0.plusSeconds(1)));
        assertTrue(users.signedOut("sess_a"));
        assertFalse(users.signedOut("sess_b"));
        assertFalse(users.signedOut("sess_expired"), "its cookie is refused anyway");
        tx.run(() -> users.signOut("sess_c", T0.plusSeconds(7200), T0.plusSeconds(3600)));
        assertFalse(users.signedOut("sess_a"), "forgotten once its cookie has expired");
        assertTrue(users.signedOut("sess_c"));
    }

    @Test
    void listsEventTypesByName() {
        EventType refunded = new EventType(new EventTypeName("payment.refunded"), "Payments", "A refund.", "{\"id\":1}");
        EventType created = new EventType(new EventTypeName("invoice.created"), "Invoices", "An invoice.", "{}");
        eventTypes.add(refunded);
        eventTypes.add(created);
        assertEquals(List.of(created, refunded), eventTypes.all());
        assertEquals(Optional.of(refunded), eventTypes.find(refunded.name()));
        assertEquals(Optional.empty(), eventTypes.find(new EventTypeName("payment.failed")));
    }
}
