package dev.hookline.domain.signing;

import java.util.Locale;
import java.util.Set;

/** Header-name rules shared by the schemes. */
final class SignatureHeaders {
    /** Headers every attempt sets itself; a signature must not replace them. */
    static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "content-type",
            "content-length", "user-agent", "host", "transfer-encoding", "connection");

    private SignatureHeaders() {
    }

    /** An HTTP field name: an RFC 9110 token, and not one of the headers every attempt sets. */
    static void requireToken(String header) {
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("signature header must not be blank");
        }
        for (int i = 0; i < header.length(); i++) {
            if (!isTokenChar(header.charAt(i))) {
                throw new IllegalArgumentException("signature header \"" + header + "\" is not a valid HTTP header name");
            }
        }
        if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("signature header must not be " + header + ": every attempt sets it");
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
