package dev.hookline.application.port.in;

import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.domain.id.AccountId;
import java.util.List;

/** A merchant's API keys: create (shown once), list, revoke. */
public interface ManageApiKeysUseCase {

    record CreatedApiKey(ApiKey key, String secret) {
    }

    Result<CreatedApiKey> create(AccountId account, String name);

    List<ApiKey> list(AccountId account);

    Result<Void> revoke(AccountId account, String keyId);
}
