package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HmacSha256SchemeTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** Seed 000's example payload as JSON.stringify writes it. */
    private static final String BODY = "{\"id\":\"evt_abc123\",\"type\":\"payment.succeeded\",\"created_at\":\"2026-01-15T10:30:00Z\","
            + "\"data\":{\"id\":\"pay_xyz789\",\"amount\":9900,\"currency\":\"USD\",\"customer\":{\"id\":\"cus_def456\","
            + "\"email\":\"customer@example.com\",\"name\":\"John Doe\"},\"invoice_id\":\"inv_ghi012\"},"
            + "\"entities\":{\"customer_id\":\"cus_def456\",\"invoice_id\":\"inv_ghi012\"}}";

    private static Map<String, String> sign(SignatureScheme scheme, String body, List<SigningSecret> secrets) {
        return new Signer(List.of(scheme)).sign("evt_abc123", 1768473000L, body.getBytes(StandardCharsets.UTF_8), secrets);
    }

    @Test
    void matchesTheKnownAnswerComputedWithOpenssl() {
        // printf %s "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
        Map<String, String> headers = sign(new SignatureScheme.HmacSha256(), BODY, List.of(new SigningSecret(SECRET)));

        assertEquals(Map.of("X-Webhook-Signature", "sha256=8297d377b23ab209dbf3a60e608a7895d77856eec1976c1176c3c5ab58ffcf6f"),
                headers);
    }

    @Test
    void signsTheUtf8BytesOfNonAsciiBodies() {
        // printf %s '{"name":"Zoë Łukasz €"}' | openssl dgst -sha256 -hmac "$SECRET"
        Map<String, String> headers = sign(new SignatureScheme.HmacSha256(), "{\"name\":\"Zoë Łukasz €\"}",
                List.of(new SigningSecret(SECRET)));

        assertEquals("sha256=fbeabe39dfebaba4450356f16cc308a5344650ef494c0d49194b1bf5f83da6a2", headers.get("X-Webhook-Signature"));
    }

    @Test
    void usesTheConfiguredHeaderAndPrefixAndAnEmptyPrefixGivesBareHex() {
        SigningSecret secret = new SigningSecret(SECRET);

        assertEquals(Map.of("X-Revkeen-Signature", "sha256=8297d377b23ab209dbf3a60e608a7895d77856eec1976c1176c3c5ab58ffcf6f"),
                sign(new SignatureScheme.HmacSha256("X-Revkeen-Signature", "sha256="), BODY, List.of(secret)));
        // seed 003 compares the bare hex digest
        assertEquals(Map.of("X-Webhook-Signature", "8297d377b23ab209dbf3a60e608a7895d77856eec1976c1176c3c5ab58ffcf6f"),
                sign(new SignatureScheme.HmacSha256("X-Webhook-Signature", ""), BODY, List.of(secret)));
    }

    @Test
    void duringRotationOnlyTheNewestSecretSigns() {
        SigningSecret newest = new SigningSecret(SECRET);
        SigningSecret older = SigningSecret.generate(new SecureRandom());

        assertEquals(sign(new SignatureScheme.HmacSha256(), BODY, List.of(newest)),
                sign(new SignatureScheme.HmacSha256(), BODY, List.of(newest, older)));
    }

    @Test
    void equalsWhatTheSeedsNodeReceiverComputes() throws IOException {
        assumeTrue(Node.available(), "node is not on the PATH");
        // seeds 000 and 001: 'sha256=' + crypto.createHmac('sha256', secret).update(JSON.stringify(req.body)).digest('hex')
        String script = """
                const crypto = require('crypto');
                const body = JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')));
                process.stdout.write('sha256=' + crypto.createHmac('sha256', process.argv[1]).update(body).digest('hex'));
                """;
        SigningSecret generated = SigningSecret.generate(new SecureRandom());
        String unicode = "{\"id\":\"evt_1\",\"data\":{\"name\":\"Zoë Łukasz €\",\"note\":\"line\\nbreak \\\"quoted\\\"\"}}";

        for (SigningSecret secret : List.of(new SigningSecret(SECRET), generated)) {
            for (String body : List.of(BODY, unicode)) {
                String expected = Node.run(script, body, secret.value()).stdout();
                assertEquals(expected, sign(new SignatureScheme.HmacSha256(), body, List.of(secret)).get("X-Webhook-Signature"));
            }
        }
    }
}
