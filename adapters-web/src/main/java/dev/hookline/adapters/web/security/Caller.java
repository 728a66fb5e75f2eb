package dev.hookline.adapters.web.security;

import dev.hookline.domain.id.AccountId;

/** Who made an API request: the operator (platform services) or a merchant account's key. */
public sealed interface Caller permits Caller.Operator, Caller.Merchant {

    String ATTRIBUTE = "hookline.caller";

    record Operator() implements Caller {
    }

    record Merchant(AccountId account, String keyHash) implements Caller {
    }
}
