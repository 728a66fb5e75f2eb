package dev.hookline.domain.endpoint.network;

import static dev.hookline.domain.endpoint.network.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "::ffff:1.2.3.4", "64:ff9b::10.0.0.1",
            "fe80::1:2:3:4:5:6", "2606:4700::1111", "0:0:0:0:0:0:0:0", "1:2:3:4:5:6:1.2.3.4"})
    void parsesIpv6LikeTheJdk(String text) {
        assertArrayEquals(ip(text).getAddress().length == 16 ? ip(text).getAddress() : mapped(ip(text).getAddress()),
                IpLiterals.parseIpv6(text).orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8",
            "12345::", "g::1", ":1::", "1::2:", "::1.2.3", "::1.2.3.4.5", "::256.0.0.1", "::01.2.3.4", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "::-1", "+1::"})
    void refusesMalformedIpv6(String text) {
        assertTrue(IpLiterals.parseIpv6(text).isEmpty());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "::, ::",
            "::1, ::1",
            "1:0:0:0:0:0:0:0, 1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "fe80:0:0:1:0:0:0:1, fe80:0:0:1::1",
    })
    void printsIpv6InItsShortestForm(String text, String expected) {
        assertEquals(expected, IpLiterals.format(IpLiterals.parseIpv6(text.toLowerCase()).orElseThrow()));
    }

    private static byte[] mapped(byte[] v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4, 0, bytes, 12, 4);
        return bytes;
    }
}
