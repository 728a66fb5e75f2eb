package dev.hookline.domain.endpoint.network;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test addresses from literals, checked so that no test can ever do a DNS lookup. */
final class Addresses {

    private Addresses() {
    }

    /** An IP literal; Java maps {@code ::ffff:a.b.c.d} to an {@code Inet4Address}. */
    static InetAddress ip(String literal) {
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            throw new IllegalArgumentException(literal + " is not an IP literal");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An {@code Inet6Address} even for IPv4-mapped bytes, as a resolver may hand one over. */
    static InetAddress ipv6(String literal) {
        try {
            return Inet6Address.getByAddress(null, ip(literal).getAddress().length == 16
                    ? ip(literal).getAddress()
                    : mapped(ip(literal).getAddress()), -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4, 0, bytes, 12, 4);
        return bytes;
    }
}
