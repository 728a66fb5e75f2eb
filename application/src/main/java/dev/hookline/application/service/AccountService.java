package dev.hookline.application.service;

import dev.hookline.application.port.in.AuthenticateUseCase;
import dev.hookline.application.port.in.CreateAccountUseCase;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.Accounts;
import dev.hookline.application.port.out.ApiKeys;
import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.application.port.out.PasswordHasher;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.Users;
import dev.hookline.application.port.out.Users.User;
import dev.hookline.domain.account.Account;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.PrefixedIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts, their API keys and web users, and authentication of both. */
public final class AccountService implements CreateAccountUseCase, ManageApiKeysUseCase, AuthenticateUseCase {

    /** Merchant API keys look like {@code hk_live_<43 base64url chars>}. */
    public static final String KEY_PREFIX = "hk_live_";
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int SHOWN_PREFIX = KEY_PREFIX.length() + 6;

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Users users;
    private final PasswordHasher passwords;
    private final Transactions transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** A key's last use is written at most once per this (the key row read for each request says when). */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    public AccountService(Accounts accounts, ApiKeys apiKeys, Users users, PasswordHasher passwords,
                          Transactions transactions, Clock clock) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.users = users;
        this.passwords = passwords;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Result<CreatedAccount> create(CreateAccountCommand command) {
        String name = command.name() == null ? "" : command.name().trim();
        if (name.isEmpty()) {
            return Result.rejected(Problem.invalid("name", "name is required"));
        }
        if (name.length() > Account.MAX_NAME_LENGTH) {
            return Result.rejected(Problem.invalid("name", "name must be at most " + Account.MAX_NAME_LENGTH
                    + " characters"));
        }
        boolean withOwner = command.ownerEmail() != null || command.ownerPassword() != null;
        String email = command.ownerEmail() == null ? null : command.ownerEmail().trim().toLowerCase(Locale.ROOT);
        if (withOwner) {
            Optional<Problem> problem = checkOwner(email, command.ownerPassword());
            if (problem.isPresent()) {
                return Result.rejected(problem.get());
            }
        }
        String hash = withOwner ? passwords.hash(command.ownerPassword()) : null;
        Instant now = clock.instant();
        Account account = new Account(AccountId.generate(), name, now);
        String secret = newKey();
        return transactions.inTransaction(() -> {
            if (withOwner && users.findByEmail(email).isPresent()) {
                return Result.rejected(new Problem(Problem.Kind.CONFLICT, "owner_email",
                        "a user with this e-mail already exists"));
            }
            accounts.add(account);
            apiKeys.add(apiKey(account.id(), "Default key", secret, now));
            if (withOwner) {
                users.add(new User(PrefixedIds.next("usr"), account.id(), email, hash, Users.Role.MERCHANT, now));
            }
            return Result.ok(new CreatedAccount(account, secret));
        });
    }

    /** Creates an operator user (role admin) unless one with this e-mail exists; false if it existed. */
    public boolean ensureOperator(String email, String password) {
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        String hash = passwords.hash(password);
        return transactions.inTransaction(() -> {
            if (users.findByEmail(normalized).isPresent()) {
                return false;
            }
            users.add(new User(PrefixedIds.next("usr"), null, normalized, hash, Users.Role.ADMIN, clock.instant()));
            return true;
        });
    }

    @Override
    public Result<CreatedApiKey> create(AccountId account, String name) {
        String label = name == null || name.isBlank() ? "API key" : name.trim();
        if (label.length() > 100) {
            return Result.rejected(Problem.invalid("name", "name must be at most 100 characters"));
        }
        String secret = newKey();
        ApiKey key = apiKey(account, label, secret, clock.instant());
        transactions.run(() -> apiKeys.add(key));
        return Result.ok(new CreatedApiKey(key, secret));
    }

    @Override
    public List<ApiKey> list(AccountId account) {
        return apiKeys.ofAccount(account);
    }

    @Override
    public Result<Void> revoke(AccountId account, String keyId) {
        boolean revoked = transactions.inTransaction(() -> apiKeys.revoke(account, keyId, clock.instant()));
        return revoked ? Result.ok(null) : Result.rejected(Problem.notFound("API key " + keyId));
    }

    @Override
    public Optional<AccountId> accountOfApiKey(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> found = apiKeys.findActiveByHash(sha256(key));
        found.ifPresent(this::used);
        return found.map(ApiKey::accountId);
    }

    /** Keeps "last used" to the minute without a write per request (an API key may publish 1,000s a second). */
    private void used(ApiKey key) {
        Instant now = clock.instant();
        Instant recently = now.minus(LAST_USED_PRECISION);
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(recently)) {
            return;
        }
        // requests racing the first write of the minute find nothing to change (the row's own condition)
        transactions.run(() -> apiKeys.used(key.id(), now, recently));
    }

    @Override
    public Optional<User> login(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        Optional<User> user = users.findByEmail(email.trim().toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            passwords.hash(password); // same work either way: no user enumeration by timing
            return Optional.empty();
        }
        return passwords.matches(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    @Override
    public Optional<User> user(String userId, String sessionId) {
        if (userId == null || userId.isBlank() || sessionId == null || users.signedOut(sessionId)) {
            return Optional.empty();
        }
        return users.findById(userId);
    }

    @Override
    public void signOut(String sessionId, Instant expiresAt) {
        transactions.run(() -> users.signOut(sessionId, expiresAt, clock.instant()));
    }

    private static Optional<Problem> checkOwner(String email, String password) {
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
            return Optional.of(Problem.invalid("owner_email", "owner_email must be an e-mail address"));
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            return Optional.of(Problem.invalid("owner_password",
                    "owner_password must be " + MIN_PASSWORD_LENGTH + " to 200 characters"));
        }
        return Optional.empty();
    }

    private String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ApiKey apiKey(AccountId account, String name, String secret, Instant now) {
        return new ApiKey(PrefixedIds.next("key"), account, name, secret.substring(0, SHOWN_PREFIX), sha256(secret), now,
                null, null);
    }

    /** Hex SHA-256: API keys carry 256 random bits, so a fast hash is enough (no brute force possible). */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
