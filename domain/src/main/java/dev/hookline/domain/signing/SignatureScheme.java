package dev.hookline.domain.signing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How one signature header is computed (DESIGN.md, "What goes on the wire"). A deployment sends
 * one header per configured scheme.
 */
public sealed interface SignatureScheme permits SignatureScheme.Standard, SignatureScheme.HmacSha256, SignatureScheme.Timestamped {

    String STANDARD = "standard";
    String HMAC_SHA256 = "hmac-sha256";
    String TIMESTAMPED = "timestamped";

    /** The name used in configuration ({@code hookline.signatures}). */
    String name();

    /** The header this scheme sends. */
    String header();

    /**
     * Standard Webhooks: {@code webhook-signature: v1,<base64>} per live secret, space-separated, an
     * HMAC-SHA256 keyed with the base64-decoded secret over {@code <webhook-id>.<timestamp>.<body>}.
     */
    record Standard() implements SignatureScheme {
        public static final String HEADER = "webhook-signature";

        @Override
        public String name() {
            return STANDARD;
        }

        @Override
        public String header() {
            return HEADER;
        }
    }

    /**
     * Seeds 000, 001 and 003: {@code <prefix><lowercase hex>} of an HMAC-SHA256 keyed with the UTF-8
     * bytes of the whole secret string over the body; newest secret only.
     *
     * @param prefix may be empty (seed 003 compares the bare hex)
     */
    record HmacSha256(String header, String prefix) implements SignatureScheme {
        public static final String DEFAULT_HEADER = "X-Webhook-Signature";
        public static final String DEFAULT_PREFIX = "sha256=";

        public HmacSha256 {
            SignatureHeaders.requireToken(header);
            Objects.requireNonNull(prefix, "prefix");
            for (int i = 0; i < prefix.length(); i++) {
                char c = prefix.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    throw new IllegalArgumentException("signature prefix must be visible ASCII without spaces: \"" + prefix + "\"");
                }
            }
        }

        public HmacSha256() {
            this(DEFAULT_HEADER, DEFAULT_PREFIX);
        }

        @Override
        public String name() {
            return HMAC_SHA256;
        }
    }

    /**
     * Seed 004 and Stripe's format: {@code t=<timestamp>,v1=<hex>}, then {@code ,v1=<hex>} per older
     * live secret; HMAC-SHA256 keyed with the UTF-8 bytes of the whole secret over {@code <timestamp>.<body>}.
     */
    record Timestamped(String header) implements SignatureScheme {
        public static final String DEFAULT_HEADER = "X-Webhook-Timestamp-Signature";

        public Timestamped {
            SignatureHeaders.requireToken(header);
        }

        public Timestamped() {
            this(DEFAULT_HEADER);
        }

        @Override
        public String name() {
            return TIMESTAMPED;
        }
    }

    /**
     * The scheme configured as {@code name} ({@code standard}, {@code hmac-sha256} or {@code timestamped},
     * case-insensitive). {@code header} and {@code prefix} override the defaults where the scheme has
     * them (null keeps the default) and are ignored where it has not: {@code standard} always sends
     * {@code webhook-signature}, and only {@code hmac-sha256} has a prefix.
     *
     * @throws IllegalArgumentException for an unknown name or an invalid header or prefix
     */
    static SignatureScheme named(String name, String header, String prefix) {
        String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case STANDARD -> new Standard();
            case HMAC_SHA256 -> new HmacSha256(header == null ? HmacSha256.DEFAULT_HEADER : header.strip(),
                    prefix == null ? HmacSha256.DEFAULT_PREFIX : prefix);
            case TIMESTAMPED -> new Timestamped(header == null ? Timestamped.DEFAULT_HEADER : header.strip());
            default -> throw new IllegalArgumentException("unknown signature scheme \"" + name
                    + "\": use " + STANDARD + ", " + HMAC_SHA256 + " or " + TIMESTAMPED);
        };
    }

    /** What is sent when nothing is configured: {@code standard} and {@code hmac-sha256} with its defaults. */
    static List<SignatureScheme> defaults() {
        return List.of(new Standard(), new HmacSha256());
    }
}
