package dev.hookline.domain.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the signature headers of one delivery attempt, one header per configured scheme.
 * Thread-safe: each thread keeps its own {@link Mac}.
 */
public final class Signer {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(Signer::newMac);
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final byte DOT = '.';

    private final List<SignatureScheme> schemes;
    private final SignatureScheme[] ordered;

    /**
     * @param schemes in the order their headers are sent; at least one, with distinct header names
     */
    public Signer(List<SignatureScheme> schemes) {
        this.schemes = List.copyOf(schemes);
        if (this.schemes.isEmpty()) {
            throw new IllegalArgumentException("at least one signature scheme is needed");
        }
        Set<String> headers = new HashSet<>();
        for (SignatureScheme scheme : this.schemes) {
            SignatureHeaders.requireToken(scheme.header());
            if (!headers.add(scheme.header().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two signature schemes send the header " + scheme.header());
            }
        }
        this.ordered = this.schemes.toArray(new SignatureScheme[0]);
    }

    public List<SignatureScheme> schemes() {
        return schemes;
    }

    /**
     * The signature headers for one attempt (not {@code webhook-id} or {@code webhook-timestamp}
     * themselves), in scheme order.
     *
     * @param webhookId        the {@code webhook-id} header: the event id
     * @param timestampSeconds the {@code webhook-timestamp} header: unix seconds, fresh per attempt
     * @param body             the exact bytes POSTed
     * @param liveSecrets      newest first, as {@link SecretRing#live} returns them; at least one
     */
    public Map<String, String> sign(String webhookId, long timestampSeconds, byte[] body, List<SigningSecret> liveSecrets) {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(body, "body");
        if (liveSecrets.isEmpty()) {
            throw new IllegalArgumentException("an endpoint always has a current secret");
        }
        Mac mac = MAC.get();
        byte[] timestamp = Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> headers = new LinkedHashMap<>(ordered.length * 2);
        for (SignatureScheme scheme : ordered) {
            String value;
            if (scheme instanceof SignatureScheme.Standard) {
                value = standard(mac, webhookId.getBytes(StandardCharsets.UTF_8), timestamp, body, liveSecrets);
            } else if (scheme instanceof SignatureScheme.HmacSha256 hmac) {
                init(mac, liveSecrets.get(0).utf8());
                value = hmac.prefix() + HEX.formatHex(mac.doFinal(body));
            } else {
                value = timestamped(mac, timestamp, body, liveSecrets);
            }
            headers.put(scheme.header(), value);
        }
        return headers;
    }

    private static String standard(Mac mac, byte[] webhookId, byte[] timestamp, byte[] body, List<SigningSecret> secrets) {
        StringBuilder value = new StringBuilder(48 * secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            init(mac, secrets.get(i).key());
            mac.update(webhookId);
            mac.update(DOT);
            mac.update(timestamp);
            mac.update(DOT);
            mac.update(body);
            if (i > 0) {
                value.append(' ');
            }
            value.append("v1,").append(BASE64.encodeToString(mac.doFinal()));
        }
        return value.toString();
    }

    private static String timestamped(Mac mac, byte[] timestamp, byte[] body, List<SigningSecret> secrets) {
        StringBuilder value = new StringBuilder(16 + 68 * secrets.size());
        value.append("t=");
        for (byte digit : timestamp) {
            value.append((char) digit);
        }
        for (SigningSecret secret : secrets) {
            init(mac, secret.utf8());
            mac.update(timestamp);
            mac.update(DOT);
            mac.update(body);
            value.append(",v1=").append(HEX.formatHex(mac.doFinal()));
        }
        return value.toString();
    }

    private static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 refused a key", impossible);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no HmacSHA256", missing);
        }
    }
}
