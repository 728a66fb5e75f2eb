package dev.hookline.domain.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver that verifies as the Standard Webhooks spec says, written from the spec for these
 * tests: the published Java library ({@code com.standardwebhooks:standardwebhooks:1.0.0}) is an
 * empty jar. Secret: {@code whsec_} + base64 key; signed content {@code id.timestamp.body};
 * {@code webhook-signature} is a space-separated list of {@code version,signature}; any {@code v1}
 * match passes; timestamps more than 5 minutes away are refused.
 */
final class StandardWebhooksReceiver {

    private static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    StandardWebhooksReceiver(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
    }

    boolean accepts(byte[] body, Map<String, String> headers, long nowSeconds) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException notANumber) {
            return false;
        }
        if (Math.abs(nowSeconds - sent) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = expected(id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String versioned : signatures.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma > 0 && versioned.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, versioned.substring(comma + 1).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private String expected(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
