package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardSchemeTest {

    private static final Signer SIGNER = new Signer(List.of(new SignatureScheme.Standard()));
    private static final String ID = "evt_01JHQ4Z9R3W6X8Y2B5C7D9E1F3";
    private static final String BODY = "{\"id\":\"evt_01JHQ4Z9R3W6X8Y2B5C7D9E1F3\",\"type\":\"payment.succeeded\","
            + "\"created_at\":\"2026-01-15T10:30:00Z\",\"data\":{\"id\":\"pay_xyz789\",\"amount\":9900,\"currency\":\"USD\","
            + "\"customer\":{\"id\":\"cus_def456\",\"email\":\"zoë@example.com\",\"name\":\"Zoë Łukasz\"}}}";

    private final SecureRandom random = new SecureRandom();
    private final SigningSecret oldSecret = SigningSecret.generate(random);
    private final SigningSecret newSecret = SigningSecret.generate(random);
    private final long now = System.currentTimeMillis() / 1000;

    private static Map<String, String> attempt(String id, long timestamp, Map<String, String> signatures) {
        Map<String, String> headers = new HashMap<>(signatures);
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void matchesTheKnownAnswerOfTheStandardWebhooksReferenceLibrary() {
        // the vector of the official libraries' own tests; recomputed with openssl dgst -sha256 -mac HMAC
        SigningSecret secret = new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Map<String, String> headers = SIGNER.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                utf8("{\"test\": 2432232314}"), List.of(secret));

        assertEquals(Map.of("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), headers);
    }

    @Test
    void signsTheSeedPayloadAsOpensslComputesIt() {
        // printf %s "evt_abc123.1768473000.$body" | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key> -binary | base64
        String body = "{\"id\":\"evt_abc123\",\"type\":\"payment.succeeded\",\"created_at\":\"2026-01-15T10:30:00Z\","
                + "\"data\":{\"id\":\"pay_xyz789\",\"amount\":9900,\"currency\":\"USD\",\"customer\":{\"id\":\"cus_def456\","
                + "\"email\":\"customer@example.com\",\"name\":\"John Doe\"},\"invoice_id\":\"inv_ghi012\"},"
                + "\"entities\":{\"customer_id\":\"cus_def456\",\"invoice_id\":\"inv_ghi012\"}}";

        Map<String, String> headers = SIGNER.sign("evt_abc123", 1768473000L, utf8(body),
                List.of(new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));

        assertEquals("v1,9EthgsE/psobdqM6T+nsIpjREiLrj59R02tm1xv0c1U=", headers.get("webhook-signature"));
    }

    @Test
    void aStandardWebhooksReceiverAcceptsTheSignature() {
        Map<String, String> headers = attempt(ID, now, SIGNER.sign(ID, now, utf8(BODY), List.of(newSecret)));

        assertTrue(new StandardWebhooksReceiver(newSecret.value()).accepts(utf8(BODY), headers, now));
        assertFalse(new StandardWebhooksReceiver(oldSecret.value()).accepts(utf8(BODY), headers, now));
    }

    @Test
    void duringRotationTheHeaderCarriesOneSignaturePerLiveSecretAndEitherSecretVerifies() {
        Map<String, String> signatures = SIGNER.sign(ID, now, utf8(BODY), List.of(newSecret, oldSecret));
        Map<String, String> headers = attempt(ID, now, signatures);

        String[] parts = signatures.get("webhook-signature").split(" ");
        assertEquals(2, parts.length);
        assertEquals(SIGNER.sign(ID, now, utf8(BODY), List.of(newSecret)).get("webhook-signature"), parts[0]);
        assertEquals(SIGNER.sign(ID, now, utf8(BODY), List.of(oldSecret)).get("webhook-signature"), parts[1]);
        assertTrue(new StandardWebhooksReceiver(newSecret.value()).accepts(utf8(BODY), headers, now));
        assertTrue(new StandardWebhooksReceiver(oldSecret.value()).accepts(utf8(BODY), headers, now));
    }

    @Test
    void aTamperedBodyIdOrTimestampFailsVerification() {
        Map<String, String> signatures = SIGNER.sign(ID, now, utf8(BODY), List.of(newSecret));
        StandardWebhooksReceiver receiver = new StandardWebhooksReceiver(newSecret.value());

        assertFalse(receiver.accepts(utf8(BODY.replace("9900", "9901")), attempt(ID, now, signatures), now));
        assertFalse(receiver.accepts(utf8(BODY), attempt(ID, now + 1, signatures), now));
        assertFalse(receiver.accepts(utf8(BODY), attempt(ID.replace('F', 'G'), now, signatures), now));
    }
}
