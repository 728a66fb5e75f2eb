package dev.hookline.application.port.out;

import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Merchant API keys, stored as SHA-256 hashes; the key itself is shown once. */
public interface ApiKeys {

    /**
     * @param prefix the first characters of the key, shown in lists to tell keys apart
     * @param hash   lower-case hex SHA-256 of the whole key
     */
    record ApiKey(String id, AccountId accountId, String name, String prefix, String hash, Instant createdAt,
                  Instant lastUsedAt, Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    void add(ApiKey key);

    /** The active (not revoked) key with this hash. */
    Optional<ApiKey> findActiveByHash(String hash);

    List<ApiKey> ofAccount(AccountId account);

    /** Records a use of the key at {@code at}, unless one at or after {@code unlessSince} is recorded already. */
    void used(String keyId, Instant at, Instant unlessSince);

    /** Revokes the account's key; false when the account has no such active key. */
    boolean revoke(AccountId account, String keyId, Instant at);
}
