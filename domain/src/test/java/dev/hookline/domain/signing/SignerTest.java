package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignerTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private final SigningSecret secret = SigningSecret.generate(new SplittableRandom(1));

    @Test
    void sendsOneHeaderPerSchemeInSchemeOrder() {
        Signer signer = new Signer(List.of(new SignatureScheme.Timestamped(), new SignatureScheme.Standard(),
                new SignatureScheme.HmacSha256()));

        Map<String, String> headers = signer.sign("evt_1", 1768473000L, BODY, List.of(secret));

        assertEquals(List.of("X-Webhook-Timestamp-Signature", "webhook-signature", "X-Webhook-Signature"),
                new ArrayList<>(headers.keySet()));
    }

    @Test
    void theDefaultSchemesSendWebhookSignatureAndXWebhookSignature() {
        Map<String, String> headers = new Signer(SignatureScheme.defaults()).sign("evt_1", 1768473000L, BODY, List.of(secret));

        assertEquals(List.of("webhook-signature", "X-Webhook-Signature"), new ArrayList<>(headers.keySet()));
    }

    @Test
    void refusesNoSchemesAndTwoSchemesSendingTheSameHeader() {
        assertThrows(IllegalArgumentException.class, () -> new Signer(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Signer(List.of(new SignatureScheme.HmacSha256(),
                new SignatureScheme.HmacSha256("x-webhook-signature", ""))));
        assertThrows(IllegalArgumentException.class, () -> new Signer(List.of(new SignatureScheme.Standard(),
                new SignatureScheme.HmacSha256("Webhook-Signature", "sha256="))));
    }

    @Test
    void refusesToSignWithoutASecret() {
        Signer signer = new Signer(SignatureScheme.defaults());

        assertThrows(IllegalArgumentException.class, () -> signer.sign("evt_1", 1L, BODY, List.of()));
    }

    @Test
    void givesTheSameSignaturesFromManyThreadsAtOnce() throws Exception {
        Signer signer = new Signer(List.of(new SignatureScheme.Standard(), new SignatureScheme.HmacSha256(),
                new SignatureScheme.Timestamped()));
        SigningSecret other = SigningSecret.generate(new SplittableRandom(2));
        Map<String, String> expectedOne = signer.sign("evt_1", 1768473000L, BODY, List.of(secret));
        Map<String, String> expectedTwo = signer.sign("evt_2", 1768473001L, BODY, List.of(other, secret));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 16; task++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!expectedOne.equals(signer.sign("evt_1", 1768473000L, BODY, List.of(secret)))
                                || !expectedTwo.equals(signer.sign("evt_2", 1768473001L, BODY, List.of(other, secret)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
