package dev.hookline.bootstrap;

import dev.hookline.adapters.web.security.OperatorKeyCheck;
import dev.hookline.application.service.AccountService;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The operator's API key ({@code hookline.operator-key}) and first admin user
 * ({@code hookline.admin.email}, {@code hookline.admin.password}). Unset values are generated on
 * first start and printed once: the key's SHA-256 is kept in the data directory, the generated
 * password only as the user's slow hash.
 */
@Singleton
public class OperatorCredentials implements OperatorKeyCheck {

    private final String operatorKeyHash;
    private final String newOperatorKey;
    private final String adminEmail;
    private final String adminPassword;
    private final boolean passwordGenerated;

    public OperatorCredentials(DataDirectory data,
                               @Value("${hookline.operator-key:}") String operatorKey,
                               @Value("${hookline.admin.email:admin@localhost}") String adminEmail,
                               @Value("${hookline.admin.password:}") String adminPassword) {
        Optional<String> configured = DataDirectory.nonBlank(operatorKey);
        if (configured.isPresent()) {
            this.operatorKeyHash = AccountService.sha256(configured.get());
            this.newOperatorKey = null;
        } else {
            String[] generated = new String[1];
            DataDirectory.Generated stored = data.valueOf("operator-key.sha256", () -> {
                generated[0] = DataDirectory.randomToken("hk_op_", 32);
                return AccountService.sha256(generated[0]);
            });
            this.operatorKeyHash = stored.value();
            this.newOperatorKey = stored.isNew() ? generated[0] : null;
        }
        this.adminEmail = adminEmail;
        this.passwordGenerated = DataDirectory.nonBlank(adminPassword).isEmpty();
        this.adminPassword = passwordGenerated ? DataDirectory.randomToken("", 12) : adminPassword;
    }

    /** Whether {@code key} is the operator key (constant-time comparison of hashes). */
    @Override
    public boolean isOperatorKey(String key) {
        if (key == null) {
            return false;
        }
        return MessageDigest.isEqual(AccountService.sha256(key).getBytes(StandardCharsets.US_ASCII),
                operatorKeyHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key generated on this start, to print once; empty when configured or generated before. */
    public Optional<String> newOperatorKey() {
        return Optional.ofNullable(newOperatorKey);
    }

    public String adminEmail() {
        return adminEmail;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public boolean passwordGenerated() {
        return passwordGenerated;
    }
}
