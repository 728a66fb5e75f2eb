package dev.hookline.domain.endpoint.network;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where webhooks may be sent, from configuration: {@code hookline.endpoints.allow-insecure-urls}
 * and {@code hookline.endpoints.allowed-private-networks}. Pure: parses and classifies, never
 * resolves a name.
 *
 * <p>Host names are accepted here except the few that always mean loopback or a cloud metadata
 * service ({@code localhost}, {@code *.localhost}, {@code metadata.google.internal},
 * {@code instance-data}, ...); these are checked as the address they stand for, so an exempt
 * {@code 127.0.0.0/8} also lets {@code localhost} through. Other {@code *.internal} names are not
 * refused by name: they are checked like every name, on the addresses they resolve to.
 */
public record NetworkPolicy(boolean allowInsecureUrls, List<Cidr> allowedPrivateNetworks) {

    public static final int MAX_URL_LENGTH = 2048;

    private static final InetAddress LOOPBACK_V4 = IpLiterals.toInetAddress(new byte[] {127, 0, 0, 1});
    private static final InetAddress METADATA_V4 = IpLiterals.toInetAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback");
    private static final List<String> METADATA_NAMES = List.of("metadata", "metadata.google.internal", "instance-data",
            "instance-data.ec2.internal");

    public NetworkPolicy {
        allowedPrivateNetworks = List.copyOf(allowedPrivateNetworks);
    }

    /** https only, no network exempt: the production default. */
    public static NetworkPolicy strict() {
        return new NetworkPolicy(false, List.of());
    }

    /**
     * Whether webhooks may be sent to this address: a public one, or one inside an allowed private
     * network. Used at save time for literal hosts and by the HTTP client at connect time on every
     * resolved address (DNS rebinding).
     */
    public AddressVerdict check(InetAddress address) {
        Objects.requireNonNull(address, "address");
        for (Cidr network : allowedPrivateNetworks) {
            if (network.contains(address)) {
                return new AddressVerdict.Allowed();
            }
        }
        AddressClass addressClass = AddressClass.of(address);
        if (addressClass == AddressClass.PUBLIC) {
            return new AddressVerdict.Allowed();
        }
        return new AddressVerdict.Refused(addressClass,
                IpLiterals.format(address.getAddress()) + " is " + addressClass.describe());
    }

    /**
     * The URL rules: absolute, https (or http when insecure URLs are allowed), a host, no user
     * name or password, no fragment, a valid port; an IP literal host (in any spelling) must pass
     * {@link #check(InetAddress)}. A host name is accepted here; its resolved addresses are the
     * caller's to check.
     */
    public UrlCheck checkUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return refused("URL is required");
        }
        String value = raw.strip();
        if (value.length() > MAX_URL_LENGTH) {
            return refused("URL must be at most " + MAX_URL_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i)) || Character.isISOControl(value.charAt(i))) {
                return refused("URL must not contain spaces or control characters (a space in a path is written %20)");
            }
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return refused("URL is not valid: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : ""));
        }
        if (!uri.isAbsolute()) {
            return refused("URL must be absolute, like https://hooks.example.com/webhooks");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecureUrls && scheme.equals("http"))) {
            return refused(allowInsecureUrls ? "URL must use https or http" : "URL must use https");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null) {
            return refused("URL must have a host");
        }
        if (authority.indexOf('@') >= 0) {
            return refused("URL must not contain a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return refused("URL must not contain a fragment (#...): it is never sent to the server");
        }
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (!pathAndQuery.chars().allMatch(c -> c < 0x80)) {
            // sent as it is, a request line would carry other bytes than the URL shows
            return refused("URL path and query must be ASCII: percent-encode other characters as UTF-8,"
                    + " e.g. /b%C3%BCcher for /bücher");
        }

        String hostText;
        String portText = null;
        boolean bracketed = authority.startsWith("[");
        if (bracketed) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return refused("host " + authority + " is not a valid IPv6 address");
            }
            hostText = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return refused("URL has characters after the host " + authority.substring(0, close + 1));
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (hostText.indexOf(':') >= 0) {
                return refused(IpLiterals.parseIpv6(authority.toLowerCase(Locale.ROOT)).isPresent()
                                || IpLiterals.parseIpv6(hostText.toLowerCase(Locale.ROOT)).isPresent()
                        ? "an IPv6 address in a URL must be in brackets, like https://[2001:db8::1]/"
                        : "URL has an invalid host or port: " + authority);
            }
        }
        if (hostText.isEmpty()) {
            return refused("URL must have a host");
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (portText != null && !portText.isEmpty()) {
            Optional<Integer> parsed = port(portText);
            if (parsed.isEmpty()) {
                return refused("URL port must be a number from 1 to 65535, not " + portText);
            }
            port = parsed.get();
        }

        String host = hostText.toLowerCase(Locale.ROOT);
        if (bracketed) {
            if (host.indexOf('%') >= 0) {
                // A zone id names a network interface of this machine: never a public destination.
                return refused("URL must not contain an IPv6 zone id (" + host.substring(host.indexOf('%')) + ")");
            }
            Optional<byte[]> bytes = IpLiterals.parseIpv6(host);
            if (bytes.isEmpty()) {
                return refused("host [" + host + "] is not a valid IPv6 address");
            }
            return literal(value, scheme, host, "[" + host + "]", port, bytes.get());
        }
        if (host.indexOf('%') >= 0) {
            return refused("host " + host + " must not be percent-encoded");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return refused("URL must have a host");
        }
        if (IpLiterals.endsInNumber(host)) {
            Optional<byte[]> bytes = IpLiterals.parseIpv4Lenient(host);
            if (bytes.isEmpty()) {
                return refused("host " + host + " is not a valid IP address");
            }
            return literal(value, scheme, host, host, port, bytes.get());
        }
        Optional<String> invalidName = invalidName(host);
        if (invalidName.isPresent()) {
            return refused(invalidName.get());
        }
        Optional<InetAddress> standsFor = wellKnownAddress(host);
        if (standsFor.isPresent() && check(standsFor.get()) instanceof AddressVerdict.Refused refused) {
            return refused("host " + host + " is " + refused.addressClass().describe());
        }
        return new UrlCheck.Accepted(new EndpointUrl(value, scheme, host, port, Optional.empty()));
    }

    private UrlCheck literal(String value, String scheme, String host, String written, int port, byte[] bytes) {
        InetAddress address = IpLiterals.toInetAddress(bytes);
        if (check(address) instanceof AddressVerdict.Refused refused) {
            String canonical = IpLiterals.format(address.getAddress());
            return refused("host " + written + (canonical.equals(host) ? "" : " (" + canonical + ")")
                    + " is " + refused.addressClass().describe());
        }
        return new UrlCheck.Accepted(new EndpointUrl(value, scheme, host, port, Optional.of(address)));
    }

    /** Names that mean loopback or a metadata service wherever they are resolved. */
    private static Optional<InetAddress> wellKnownAddress(String host) {
        if (LOOPBACK_NAMES.contains(host) || host.endsWith(".localhost")) {
            return Optional.of(LOOPBACK_V4);
        }
        if (METADATA_NAMES.contains(host)) {
            return Optional.of(METADATA_V4);
        }
        return Optional.empty();
    }

    private static Optional<String> invalidName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 0x7f) {
                return Optional.of("host " + host + " must be ASCII: write an internationalised name in its xn-- form");
            }
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return Optional.of("host " + host + " contains the character '" + c + "', not allowed in a host name");
            }
        }
        if (host.length() > 253) {
            return Optional.of("host name must be at most 253 characters");
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return Optional.of("host " + host + " is not a valid host name");
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> port(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        String digits = text.replaceFirst("^0+", "");
        if (digits.isEmpty() || digits.length() > 5) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? Optional.of(port) : Optional.empty();
    }

    private static UrlCheck refused(String reason) {
        return new UrlCheck.Refused(reason);
    }
}
