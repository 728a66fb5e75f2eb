package dev.hookline.domain.endpoint.network;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What kind of network an IP address belongs to; only {@link #PUBLIC} addresses may receive
 * webhooks unless configuration exempts a network. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo
 * {@code 2001::/32}) are classified by the IPv4 address they carry.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private network address"),
    LINK_LOCAL("a link-local address"),
    MULTICAST("a multicast address"),
    UNSPECIFIED("an unspecified address"),
    METADATA("a cloud metadata address"),
    RESERVED("a reserved address");

    private record Range(Cidr cidr, AddressClass addressClass) {
        static Range of(String cidr, AddressClass addressClass) {
            return new Range(Cidr.parse(cidr), addressClass);
        }
    }

    // First match wins: the metadata addresses lie inside wider ranges.
    private static final List<Range> IPV4 = List.of(
            Range.of("169.254.169.254/32", METADATA),   // AWS, GCP, Azure, OpenStack, DigitalOcean...
            Range.of("169.254.170.2/32", METADATA),     // AWS ECS task credentials
            Range.of("100.100.100.200/32", METADATA),   // Alibaba Cloud
            Range.of("192.0.0.192/32", METADATA),       // Oracle Cloud
            Range.of("0.0.0.0/8", UNSPECIFIED),
            Range.of("127.0.0.0/8", LOOPBACK),
            Range.of("10.0.0.0/8", PRIVATE),
            Range.of("172.16.0.0/12", PRIVATE),
            Range.of("192.168.0.0/16", PRIVATE),
            Range.of("100.64.0.0/10", PRIVATE),         // carrier-grade NAT
            Range.of("169.254.0.0/16", LINK_LOCAL),
            Range.of("224.0.0.0/4", MULTICAST),
            Range.of("240.0.0.0/4", RESERVED),          // includes 255.255.255.255
            Range.of("192.0.0.0/24", RESERVED),
            Range.of("192.0.2.0/24", RESERVED),
            Range.of("198.18.0.0/15", RESERVED),
            Range.of("198.51.100.0/24", RESERVED),
            Range.of("203.0.113.0/24", RESERVED));

    // After the forms that embed an IPv4 address (see ofIpv6).
    private static final List<Range> IPV6 = List.of(
            Range.of("::/128", UNSPECIFIED),
            Range.of("::1/128", LOOPBACK),
            Range.of("64:ff9b:1::/48", RESERVED),       // local-use NAT64
            Range.of("::/8", RESERVED),                 // what remains of it after the embedded forms
            Range.of("fc00::/7", PRIVATE),
            Range.of("fe80::/10", LINK_LOCAL),
            Range.of("fec0::/10", RESERVED),            // deprecated site-local
            Range.of("ff00::/8", MULTICAST),
            Range.of("2001:db8::/32", RESERVED));

    private static final Cidr METADATA_V6 = Cidr.parse("fd00:ec2::254/128"); // AWS over IPv6
    private static final Cidr UNSPECIFIED_V6 = Cidr.parse("::/128");
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1/128");
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr TEREDO = Cidr.parse("2001::/32");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** Classifies from the address bytes alone; never looks anything up. */
    public static AddressClass of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        return of(address.getAddress());
    }

    static AddressClass of(byte[] bytes) {
        return bytes.length == 4 ? ofIpv4(bytes) : ofIpv6(bytes);
    }

    /** For a sentence: "host 10.0.0.1 is " + describe(). */
    public String describe() {
        return description;
    }

    private static AddressClass ofIpv4(byte[] bytes) {
        for (Range range : IPV4) {
            if (range.cidr().matches(bytes)) {
                return range.addressClass();
            }
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] bytes) {
        if (METADATA_V6.matches(bytes)) {
            return METADATA;
        }
        if (MAPPED.matches(bytes) || NAT64.matches(bytes)) {
            return ofIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (COMPATIBLE.matches(bytes) && !UNSPECIFIED_V6.matches(bytes) && !LOOPBACK_V6.matches(bytes)) {
            // Deprecated IPv4-compatible ::a.b.c.d: never a legitimate public target.
            AddressClass embedded = ofIpv4(Arrays.copyOfRange(bytes, 12, 16));
            return embedded == PUBLIC ? RESERVED : embedded;
        }
        if (SIX_TO_FOUR.matches(bytes)) {
            return ofIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        if (TEREDO.matches(bytes)) {
            byte[] client = Arrays.copyOfRange(bytes, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            AddressClass embedded = ofIpv4(client);
            if (embedded != PUBLIC) {
                return embedded;
            }
        }
        for (Range range : IPV6) {
            if (range.cidr().matches(bytes)) {
                return range.addressClass();
            }
        }
        return PUBLIC;
    }
}
