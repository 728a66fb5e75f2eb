package dev.hookline.domain.endpoint.network;

import static dev.hookline.domain.endpoint.network.Addresses.ip;
import static dev.hookline.domain.endpoint.network.Addresses.ipv6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "8.8.8.8, PUBLIC",
            "1.1.1.1, PUBLIC",
            "172.32.0.1, PUBLIC",
            "100.128.0.1, PUBLIC",
            "169.253.255.255, PUBLIC",
            "223.255.255.255, PUBLIC",
            "127.0.0.1, LOOPBACK",
            "127.255.255.254, LOOPBACK",
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.255, PRIVATE",
            "192.168.1.1, PRIVATE",
            "100.64.0.1, PRIVATE",
            "100.127.255.255, PRIVATE",
            "169.254.0.1, LINK_LOCAL",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "169.254.169.254, METADATA",
            "169.254.170.2, METADATA",
            "100.100.100.200, METADATA",
            "192.0.0.192, METADATA",
            "240.0.0.1, RESERVED",
            "255.255.255.255, RESERVED",
            "192.0.0.1, RESERVED",
            "192.0.2.1, RESERVED",
            "198.18.0.1, RESERVED",
            "198.19.255.255, RESERVED",
            "198.51.100.7, RESERVED",
            "203.0.113.9, RESERVED",
    })
    void classifiesIpv4Addresses(String address, AddressClass expected) {
        assertEquals(expected, AddressClass.of(ip(address)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "2606:4700::1111, PUBLIC",
            "2001:4860:4860::8888, PUBLIC",
            "::1, LOOPBACK",
            "::, UNSPECIFIED",
            "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "ff02::1, MULTICAST",
            "fd00:ec2::254, METADATA",
            "fec0::1, RESERVED",
            "2001:db8::1, RESERVED",
            "64:ff9b:1::1, RESERVED",
            "::1:0:0:1, RESERVED",
            // IPv4-compatible: the embedded address, and never public
            "::127.0.0.1, LOOPBACK",
            "::10.0.0.1, PRIVATE",
            "::8.8.8.8, RESERVED",
            // NAT64: the embedded address
            "64:ff9b::127.0.0.1, LOOPBACK",
            "64:ff9b::a9fe:a9fe, METADATA",
            "64:ff9b::8.8.8.8, PUBLIC",
            // 6to4: the IPv4 address in bits 16-48
            "2002:7f00:1::1, LOOPBACK",
            "2002:a00:1::, PRIVATE",
            "2002:a9fe:a9fe::1, METADATA",
            "2002:808:808::1, PUBLIC",
            // Teredo: the client address, bit-inverted in the last 32 bits
            "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7, PUBLIC",
    })
    void classifiesIpv6Addresses(String address, AddressClass expected) {
        assertEquals(expected, AddressClass.of(ip(address)));
    }

    @ParameterizedTest(name = "::ffff:{0} is {1}")
    @CsvSource({
            "127.0.0.1, LOOPBACK",
            "10.1.2.3, PRIVATE",
            "169.254.169.254, METADATA",
            "0.0.0.0, UNSPECIFIED",
            "8.8.8.8, PUBLIC",
    })
    void classifiesAnIpv4MappedInet6AddressByItsEmbeddedIpv4Address(String ipv4, AddressClass expected) {
        var mapped = ipv6(ipv4);
        assertInstanceOf(Inet6Address.class, mapped);
        assertEquals(expected, AddressClass.of(mapped));
    }

    @Test
    void describesEveryClassForASentence() {
        assertEquals("a loopback address", AddressClass.LOOPBACK.describe());
        assertEquals("a private network address", AddressClass.PRIVATE.describe());
        assertEquals("a cloud metadata address", AddressClass.METADATA.describe());
        assertEquals("an unspecified address", AddressClass.UNSPECIFIED.describe());
    }

    @ParameterizedTest
    @EnumSource(AddressClass.class)
    void everyDescriptionStartsWithAnArticle(AddressClass addressClass) {
        String description = addressClass.describe();
        assertTrue(description.startsWith("a ") || description.startsWith("an "), description);
    }
}
