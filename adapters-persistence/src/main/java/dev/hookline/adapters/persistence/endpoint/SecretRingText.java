package dev.hookline.adapters.persistence.endpoint;

import dev.hookline.domain.signing.PreviousSecret;
import dev.hookline.domain.signing.SecretRing;
import dev.hookline.domain.signing.SigningSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext form of a secret ring before encryption: {@code current|previous@expiry|…}, the expiry as an ISO-8601 instant.
 * Secrets are {@code whsec_} + base64, which never contains {@code |} or {@code @}.
 */
final class SecretRingText {

    private SecretRingText() {
    }

    static String write(SecretRing ring) {
        StringBuilder out = new StringBuilder(ring.current().value());
        for (PreviousSecret previous : ring.previous()) {
            out.append('|').append(previous.secret().value()).append('@').append(previous.expiresAt());
        }
        return out.toString();
    }

    static SecretRing read(String text) {
        String[] parts = text.split("\\|");
        List<PreviousSecret> previous = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            int at = parts[i].lastIndexOf('@');
            previous.add(new PreviousSecret(new SigningSecret(parts[i].substring(0, at)),
                    Instant.parse(parts[i].substring(at + 1))));
        }
        return new SecretRing(new SigningSecret(parts[0]), previous);
    }
}
