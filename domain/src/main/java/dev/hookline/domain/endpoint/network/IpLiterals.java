package dev.hookline.domain.endpoint.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses and prints IP address literals without ever touching DNS. Input is expected lower-case. */
final class IpLiterals {

    private IpLiterals() {
    }

    /** Four decimal parts 0–255 without leading zeros, as written in configuration and inside IPv6 literals. */
    static Optional<byte[]> parseIpv4Strict(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !allDigits(part, 10) || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    /**
     * Whether a host must be read as an IPv4 address rather than a name: its last label is a number
     * (decimal, or {@code 0x} hex), as in the WHATWG URL standard. Such a host that does not parse is
     * an invalid address, never a name.
     */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        return allDigits(last, 10) || (last.startsWith("0x") && allDigits(last.substring(2), 16));
    }

    /**
     * Every spelling {@code inet_aton} accepts: one to four parts, each decimal, octal (leading
     * {@code 0}) or hex ({@code 0x}); the last part fills the remaining bytes ({@code 127.1},
     * {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}).
     */
    static Optional<byte[]> parseIpv4Lenient(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            BigInteger part = number(parts[i]);
            if (part == null) {
                return Optional.empty();
            }
            boolean last = i == parts.length - 1;
            int bits = last ? 8 * (4 - i) : 8;
            if (part.bitLength() > bits) {
                return Optional.empty();
            }
            value = last ? (value << bits) | part.longValue() : (value << 8) | part.longValue();
        }
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static BigInteger number(String part) {
        if (part.startsWith("0x")) {
            String digits = part.substring(2);
            if (!allDigits(digits, 16)) {
                return null;
            }
            return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
        }
        if (part.isEmpty()) {
            return null;
        }
        int radix = part.length() > 1 && part.charAt(0) == '0' ? 8 : 10;
        return allDigits(part, radix) ? new BigInteger(part, radix) : null;
    }

    /** RFC 4291 text form, with {@code ::} and an optional dotted IPv4 tail; no zone id. */
    static Optional<byte[]> parseIpv6(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        List<Integer> tail = gap >= 0 ? groups(text.substring(gap + 2), true) : List.of();
        if (head == null || tail == null) {
            return Optional.empty();
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(bytes, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(bytes, 8 - tail.size() + i, tail.get(i));
        }
        return Optional.of(bytes);
    }

    private static List<Integer> groups(String part, boolean ipv4TailAllowed) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (ipv4TailAllowed && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                Optional<byte[]> v4 = parseIpv4Strict(piece);
                if (v4.isEmpty()) {
                    return null;
                }
                byte[] b = v4.get();
                groups.add(((b[0] & 0xff) << 8) | (b[1] & 0xff));
                groups.add(((b[2] & 0xff) << 8) | (b[3] & 0xff));
            } else if (!piece.isEmpty() && piece.length() <= 4 && allDigits(piece, 16)) {
                groups.add(Integer.parseInt(piece, 16));
            } else {
                return null;
            }
        }
        return groups;
    }

    private static void putGroup(byte[] bytes, int index, int group) {
        bytes[2 * index] = (byte) (group >>> 8);
        bytes[2 * index + 1] = (byte) group;
    }

    private static boolean allDigits(String text, int radix) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f || Character.digit(c, radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** From bytes only: no lookup. IPv4-mapped IPv6 bytes come back as an {@code Inet4Address}. */
    static InetAddress toInetAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    /** Dotted quad, or RFC 5952 IPv6 (lower-case, longest zero run as {@code ::}). */
    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
