package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code standard} scheme verifies with the official Standard Webhooks Java library
 * ({@code com.standardwebhooks:standardwebhooks} 1.2.0; the 1.0.0 jar on Maven Central is empty).
 */
class StandardWebhooksLibraryTest {

    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"data\":{\"amount\":9900,"
            + "\"name\":\"Zoë 東京\"}}";
    private final SecureRandom random = new SecureRandom();
    private final Signer signer = new Signer(SignatureScheme.defaults());

    private Map<String, List<String>> headers(String id, long ts, Map<String, String> signed) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(ts)),
                "webhook-signature", List.of(signed.get("webhook-signature")));
    }

    @Test
    void theOfficialLibraryVerifiesOurSignature() {
        SigningSecret secret = SigningSecret.generate(random);
        long now = Instant.now().getEpochSecond();
        Map<String, String> signed = signer.sign("evt_1", now, BODY.getBytes(StandardCharsets.UTF_8), List.of(secret));
        assertDoesNotThrow(() -> new Webhook(secret.value()).verify(BODY, headers("evt_1", now, signed)));
    }

    @Test
    void duringRotationTheLibraryVerifiesWithTheOldAndTheNewSecret() {
        SigningSecret old = SigningSecret.generate(random);
        SigningSecret next = SigningSecret.generate(random);
        Instant now = Instant.now();
        SecretRing ring = SecretRing.of(old).rotate(next, now, Duration.ofHours(24));
        Map<String, String> signed = signer.sign("evt_2", now.getEpochSecond(), BODY.getBytes(StandardCharsets.UTF_8),
                ring.live(now));
        Map<String, List<String>> h = headers("evt_2", now.getEpochSecond(), signed);
        assertDoesNotThrow(() -> new Webhook(old.value()).verify(BODY, h));
        assertDoesNotThrow(() -> new Webhook(next.value()).verify(BODY, h));
    }

    @Test
    void theLibraryRejectsATamperedBodyOrAnotherSecret() {
        SigningSecret secret = SigningSecret.generate(random);
        long now = Instant.now().getEpochSecond();
        Map<String, String> signed = signer.sign("evt_3", now, BODY.getBytes(StandardCharsets.UTF_8), List.of(secret));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret.value()).verify(BODY.replace("9900", "9901"), headers("evt_3", now, signed)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(SigningSecret.generate(random).value())
                .verify(BODY, headers("evt_3", now, signed)));
    }
}
