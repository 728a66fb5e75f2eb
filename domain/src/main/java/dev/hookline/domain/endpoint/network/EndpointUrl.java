package dev.hookline.domain.endpoint.network;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, accepted endpoint URL.
 *
 * @param value          the URL as the merchant typed it (trimmed); this is what is stored and called
 * @param scheme         {@code https} or {@code http}, lower-case
 * @param host           lower-case, one trailing dot removed, without brackets for IPv6; an IP
 *                       literal is kept as written (its meaning is in {@code literalAddress})
 * @param port           the explicit port, else 443 or 80
 * @param literalAddress the address when the host is an IP literal; empty for a name, whose
 *                       resolved addresses must still pass {@link NetworkPolicy#check(InetAddress)}
 */
public record EndpointUrl(String value, String scheme, String host, int port, Optional<InetAddress> literalAddress) {

    public EndpointUrl {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(literalAddress, "literalAddress");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, not " + port);
        }
    }
}
