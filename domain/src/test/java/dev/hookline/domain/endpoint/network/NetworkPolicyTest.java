package dev.hookline.domain.endpoint.network;

import static dev.hookline.domain.endpoint.network.Addresses.ip;
import static dev.hookline.domain.endpoint.network.Addresses.ipv6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link NetworkPolicy#check}: the rule applied to every address, at save time and at connect time. */
class NetworkPolicyTest {

    private final NetworkPolicy strict = NetworkPolicy.strict();
    private final NetworkPolicy development = new NetworkPolicy(true, List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700::1111", "64:ff9b::8.8.8.8"})
    void allowsPublicAddresses(String address) {
        assertInstanceOf(AddressVerdict.Allowed.class, strict.check(ip(address)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
            "127.0.0.1, LOOPBACK, 127.0.0.1 is a loopback address",
            "10.0.0.1, PRIVATE, 10.0.0.1 is a private network address",
            "169.254.169.254, METADATA, 169.254.169.254 is a cloud metadata address",
            "0.0.0.0, UNSPECIFIED, 0.0.0.0 is an unspecified address",
            "fe80::1, LINK_LOCAL, fe80::1 is a link-local address",
            "ff02::1, MULTICAST, ff02::1 is a multicast address",
            "::1, LOOPBACK, ::1 is a loopback address",
            "0:0:0:0:0:0:0:0, UNSPECIFIED, :: is an unspecified address",
            "2001:db8::1, RESERVED, 2001:db8::1 is a reserved address",
    })
    void refusesEveryOtherClassNamingTheAddressAndItsClass(String address, AddressClass expected, String reason) {
        var refused = assertInstanceOf(AddressVerdict.Refused.class, strict.check(ip(address)));
        assertEquals(expected, refused.addressClass());
        assertEquals(reason, refused.reason());
    }

    @Test
    void refusesAnIpv4MappedLoopbackHandedOverAsAnInet6Address() {
        var refused = assertInstanceOf(AddressVerdict.Refused.class, strict.check(ipv6("127.0.0.1")));
        assertEquals(AddressClass.LOOPBACK, refused.addressClass());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1"})
    void allowsAnyAddressInsideAnAllowedPrivateNetwork(String address) {
        assertInstanceOf(AddressVerdict.Allowed.class, development.check(ip(address)));
        assertInstanceOf(AddressVerdict.Allowed.class, development.check(ipv6("127.0.0.1")));
    }

    @Test
    void anAllowedNetworkExemptsWhateverItsClass() {
        var policy = new NetworkPolicy(false, List.of(Cidr.parse("169.254.169.254/32")));
        assertInstanceOf(AddressVerdict.Allowed.class, policy.check(ip("169.254.169.254")));
        assertInstanceOf(AddressVerdict.Refused.class, policy.check(ip("169.254.170.2")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.0.0.1", "192.168.0.1", "169.254.169.254", "0.0.0.0", "fd00::1"})
    void stillRefusesPrivateAddressesOutsideTheAllowedNetworks(String address) {
        assertInstanceOf(AddressVerdict.Refused.class, development.check(ip(address)));
    }

    @Test
    void strictAllowsNoInsecureUrlsAndNoPrivateNetwork() {
        assertEquals(false, strict.allowInsecureUrls());
        assertEquals(List.of(), strict.allowedPrivateNetworks());
    }

    @Test
    void keepsItsOwnCopyOfTheAllowedNetworks() {
        List<Cidr> networks = new ArrayList<>(List.of(Cidr.parse("127.0.0.0/8")));
        var policy = new NetworkPolicy(false, networks);
        networks.add(Cidr.parse("10.0.0.0/8"));
        assertEquals(1, policy.allowedPrivateNetworks().size());
        assertThrows(UnsupportedOperationException.class, () -> policy.allowedPrivateNetworks().add(Cidr.parse("::1/128")));
    }
}
