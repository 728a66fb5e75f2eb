package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.signing.SigningSecret;
import java.time.Instant;

/** Makes a new signing secret; the previous one keeps signing until {@code previousExpiresAt}. */
public interface RotateSecretUseCase {

    record RotatedSecret(SigningSecret secret, Instant previousExpiresAt) {
    }

    Result<RotatedSecret> rotate(AccountId account, String endpointId);
}
