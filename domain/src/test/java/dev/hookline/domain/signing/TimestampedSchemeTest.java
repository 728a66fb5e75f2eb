package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TimestampedSchemeTest {

    private static final SigningSecret OLD = new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final SigningSecret NEW = new SigningSecret("whsec_XcR4Zq3mT6v2Vn9Lp8Kb1Hs5Jd7Fg0Yw3Ea6Uo4Ti2M=");
    private static final long TIMESTAMP = 1768473000L;
    private static final String BODY = "{\"id\":\"evt_abc123\",\"type\":\"payment.succeeded\",\"created_at\":\"2026-01-15T10:30:00Z\","
            + "\"data\":{\"id\":\"pay_xyz789\",\"amount\":9900,\"currency\":\"USD\",\"customer\":{\"id\":\"cus_def456\","
            + "\"email\":\"customer@example.com\",\"name\":\"John Doe\"},\"invoice_id\":\"inv_ghi012\"},"
            + "\"entities\":{\"customer_id\":\"cus_def456\",\"invoice_id\":\"inv_ghi012\"}}";
    // printf %s "1768473000.$BODY" | openssl dgst -sha256 -hmac "<whole secret string>"
    private static final String OLD_HEX = "2c640a24d287c43fabdfb629cfce499d1e5fef7ae69d0de1c44e540f228aedff";
    private static final String NEW_HEX = "7e25c923d1e518586887d624094c722792d36218792f8377d1bc6cbfcb7f3cb1";

    private static String sign(List<SigningSecret> secrets) {
        return new Signer(List.of(new SignatureScheme.Timestamped()))
                .sign("evt_abc123", TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8), secrets)
                .get("X-Webhook-Timestamp-Signature");
    }

    /** Seed 004's check, done right: t= then any v1= over timestamp + "." + body, keyed with the secret string. */
    private static boolean receiverAccepts(String header, SigningSecret secret, String body) {
        String[] parts = header.split(",");
        if (!parts[0].startsWith("t=")) {
            return false;
        }
        byte[] expected = hmacHex(secret.value(), parts[0].substring(2) + "." + body).getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("v1=")
                    && MessageDigest.isEqual(expected, parts[i].substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sendsTheTimestampAndOneV1SignatureMatchingOpenssl() {
        assertEquals("t=1768473000,v1=" + OLD_HEX, sign(List.of(OLD)));
    }

    @Test
    void duringRotationAddsAV1SignaturePerOlderSecretNewestFirst() {
        String header = sign(List.of(NEW, OLD));

        assertEquals("t=1768473000,v1=" + NEW_HEX + ",v1=" + OLD_HEX, header);
        assertTrue(receiverAccepts(header, NEW, BODY));
        assertTrue(receiverAccepts(header, OLD, BODY));
    }

    @Test
    void aTamperedBodyOrTimestampFailsVerification() {
        String header = sign(List.of(NEW));

        assertTrue(receiverAccepts(header, NEW, BODY));
        assertFalse(receiverAccepts(header, NEW, BODY.replace("9900", "9901")));
        assertFalse(receiverAccepts(header.replace("t=1768473000", "t=1768473001"), NEW, BODY));
        assertFalse(receiverAccepts(header, OLD, BODY));
    }

    @Test
    void usesTheConfiguredHeader() {
        Map<String, String> headers = new Signer(List.of(new SignatureScheme.Timestamped("X-Whop-Signature")))
                .sign("evt_abc123", TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8), List.of(OLD));

        assertEquals(Map.of("X-Whop-Signature", "t=1768473000,v1=" + OLD_HEX), headers);
    }

    @Test
    void seed004sNodeVerifierAcceptsTheHeader() throws IOException {
        assumeTrue(Node.available(), "node is not on the PATH");
        // seed 004: header.split(","), then [, timestamp] = t=..., [version, sig] = v1=..., HMAC-SHA256 keyed
        // with the encoded secret string over timestamp + "." + body, hex; crypto.subtle there, createHmac here
        String script = """
                const crypto = require('crypto');
                const body = require('fs').readFileSync(0, 'utf8');
                const [key, header] = process.argv.slice(1);
                const [timestampStr, signatureStr] = header.split(",");
                const [, timestamp] = timestampStr.split("=");
                const [version, sentSignature] = signatureStr.split("=");
                const signature = crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(timestamp + "." + body).digest('hex');
                process.stdout.write(version === "v1" && signature === sentSignature ? 'valid' : 'invalid');
                """;

        assertEquals("valid", Node.run(script, BODY, NEW.value(), sign(List.of(NEW))).stdout());
        assertEquals("valid", Node.run(script, BODY, NEW.value(), sign(List.of(NEW, OLD))).stdout());
        assertEquals("invalid", Node.run(script, BODY + " ", NEW.value(), sign(List.of(NEW))).stdout());
    }
}
