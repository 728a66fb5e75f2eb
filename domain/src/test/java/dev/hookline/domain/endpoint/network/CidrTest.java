package dev.hookline.domain.endpoint.network;

import static dev.hookline.domain.endpoint.network.Addresses.ip;
import static dev.hookline.domain.endpoint.network.Addresses.ipv6;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "127.0.0.0/8, 127.0.0.1, true",
            "127.0.0.0/8, 127.255.255.255, true",
            "127.0.0.0/8, 128.0.0.1, false",
            "172.16.0.0/12, 172.31.1.1, true",
            "172.16.0.0/12, 172.32.0.1, false",
            "192.168.1.7/32, 192.168.1.7, true",
            "192.168.1.7/32, 192.168.1.8, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "0.0.0.0/0, ::1, false",
            "fd00::/8, fd12::1, true",
            "fd00::/8, fc00::1, false",
            "fe80::/10, febf::1, true",
            "fe80::/10, fec0::1, false",
            "::1/128, ::1, true",
            "::1/128, 127.0.0.1, false",
            "10.0.0.0/8, ::1, false",
            "::/0, 2606:4700::1111, true",
    })
    void containsTheAddressesInsideItsPrefix(String cidr, String address, boolean expected) {
        assertEquals(expected, Cidr.parse(cidr).contains(ip(address)));
    }

    @Test
    void anIpv4BlockContainsTheIpv4MappedFormOfItsAddresses() {
        assertTrue(Cidr.parse("127.0.0.0/8").contains(ipv6("127.0.0.1")));
        assertTrue(Cidr.parse("::ffff:0:0/96").contains(ip("10.0.0.1")));
        assertEquals(false, Cidr.parse("10.0.0.0/8").contains(ipv6("127.0.0.1")));
    }

    @Test
    void parsesIpv4AndIpv6Blocks() {
        Cidr v4 = Cidr.parse(" 10.0.0.0/8 ");
        assertArrayEquals(new byte[] {10, 0, 0, 0}, v4.network());
        assertEquals(8, v4.prefixLength());
        Cidr v6 = Cidr.parse("FD00::/8");
        assertEquals(16, v6.network().length);
        assertEquals((byte) 0xfd, v6.network()[0]);
        assertEquals(8, v6.prefixLength());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"10.0.0.0/33", "abc", "10.0.0.0", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "/8",
            "10.0.0/8", "256.0.0.0/8", "010.0.0.0/8", "0x0a.0.0.0/8", "fd00::/129", "fd00:::/8", "[fd00::]/8",
            "fe80::%eth0/10", "10.0.0.1/8", "", " "})
    void refusesBadInputWithAnIllegalArgumentException(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void explainsWhatIsWrongWithBadInput() {
        assertEquals("invalid CIDR block '10.0.0.0/33': the prefix length must be a number from 0 to 32",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage());
        assertEquals("invalid CIDR block 'abc': abc is not an IP address (expected like 10.0.0.0/8 or fd00::/8)",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("abc")).getMessage());
        assertEquals("invalid CIDR block '10.0.0.0': a prefix length is missing, like 10.0.0.0/32",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0")).getMessage());
        assertEquals("invalid CIDR block '10.0.0.1/8': 10.0.0.1/8 has bits set after the prefix; did you mean 10.0.0.0/8?",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/8")).getMessage());
    }

    @Test
    void comparesByNetworkBytesAndPrefix() {
        assertEquals(Cidr.parse("10.0.0.0/8"), new Cidr(new byte[] {10, 0, 0, 0}, 8));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), new Cidr(new byte[] {10, 0, 0, 0}, 8).hashCode());
        assertEquals(Cidr.parse("fd00::/8"), Cidr.parse("fd00:0:0:0:0:0:0:0/8"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/16"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.0/8", "0.0.0.0/0", "fd00::/8", "::1/128", "2001:db8::/32", "fd00:ec2::254/128",
            "::ffff:0:0/96", "1:0:0:1::/64"})
    void printsAsItIsWrittenInConfiguration(String text) {
        assertEquals(text, Cidr.parse(text).toString());
    }

    @Test
    void cannotBeChangedThroughItsBytes() {
        byte[] bytes = {10, 0, 0, 0};
        Cidr cidr = new Cidr(bytes, 8);
        bytes[0] = 127;
        cidr.network()[0] = 127;
        assertEquals("10.0.0.0/8", cidr.toString());
    }

    @Test
    void refusesAnAddressThatIsNeitherIpv4NorIpv6() {
        assertThrows(IllegalArgumentException.class, () -> new Cidr(new byte[5], 8));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(new byte[4], 33));
    }
}
