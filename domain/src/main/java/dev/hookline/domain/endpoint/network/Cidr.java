package dev.hookline.domain.endpoint.network;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A CIDR block like {@code 127.0.0.0/8} or {@code fd00::/8}. The network address has no bits set
 * beyond the prefix. An IPv4 block also contains the IPv4-mapped IPv6 form of its addresses
 * ({@code ::ffff:127.0.0.1}), which is the same host.
 */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a network address has 4 or 16 bytes, not " + network.length);
        }
        int bits = network.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be from 0 to " + bits + ", not " + prefixLength);
        }
        network = network.clone();
        byte[] masked = mask(network, prefixLength);
        if (!Arrays.equals(masked, network)) {
            throw new IllegalArgumentException(IpLiterals.format(network) + "/" + prefixLength
                    + " has bits set after the prefix; did you mean " + IpLiterals.format(masked) + "/" + prefixLength + "?");
        }
    }

    /**
     * Parses {@code address/prefix}: a dotted-quad IPv4 or an IPv6 address (no brackets, no zone).
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a CIDR block is required, like 10.0.0.0/8 or fd00::/8");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = (slash < 0 ? trimmed : trimmed.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
        Optional<byte[]> address = addressText.indexOf(':') >= 0
                ? IpLiterals.parseIpv6(addressText)
                : IpLiterals.parseIpv4Strict(addressText);
        if (address.isEmpty()) {
            throw invalid(trimmed, addressText + " is not an IP address (expected like 10.0.0.0/8 or fd00::/8)");
        }
        if (slash < 0) {
            throw invalid(trimmed, "a prefix length is missing, like " + addressText + "/" + (address.get().length * 8));
        }
        String prefixText = trimmed.substring(slash + 1);
        int bits = address.get().length * 8;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(prefixText) > bits) {
            throw invalid(trimmed, "the prefix length must be a number from 0 to " + bits);
        }
        try {
            return new Cidr(address.get(), Integer.parseInt(prefixText));
        } catch (IllegalArgumentException e) {
            throw invalid(trimmed, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid CIDR block '" + text + "': " + why);
    }

    /** A copy: the block cannot be changed through it. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    public boolean contains(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return matches(address.getAddress());
    }

    boolean matches(byte[] address) {
        byte[] candidate = address;
        if (network.length == 4 && address.length == 16 && isMapped(address)) {
            candidate = Arrays.copyOfRange(address, 12, 16);
        } else if (network.length == 16 && address.length == 4) {
            candidate = new byte[16];
            candidate[10] = (byte) 0xff;
            candidate[11] = (byte) 0xff;
            System.arraycopy(address, 0, candidate, 12, 4);
        }
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    private static boolean isMapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - 8 * i));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiterals.format(network) + "/" + prefixLength;
    }
}
