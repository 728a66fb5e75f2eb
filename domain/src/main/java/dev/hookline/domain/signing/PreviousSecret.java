package dev.hookline.domain.signing;

import java.time.Instant;
import java.util.Objects;

/** A secret replaced by a rotation that still signs until {@code expiresAt} (exclusive). */
public record PreviousSecret(SigningSecret secret, Instant expiresAt) {

    public PreviousSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
