package dev.hookline.domain.endpoint.network;

import static dev.hookline.domain.endpoint.network.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link NetworkPolicy#checkUrl}: the rules for an endpoint URL when it is saved. */
class CheckUrlTest {

    private final NetworkPolicy strict = NetworkPolicy.strict();

    private static EndpointUrl accepted(NetworkPolicy policy, String raw) {
        return assertInstanceOf(UrlCheck.Accepted.class, policy.checkUrl(raw), raw).url();
    }

    private static String refused(NetworkPolicy policy, String raw) {
        return assertInstanceOf(UrlCheck.Refused.class, policy.checkUrl(raw), raw).reason();
    }

    // ---- accepted

    @Test
    void acceptsAnHttpsUrlWithAHostName() {
        EndpointUrl url = accepted(strict, "https://hooks.example.com/webhooks");
        assertEquals(new EndpointUrl("https://hooks.example.com/webhooks", "https", "hooks.example.com", 443, Optional.empty()), url);
    }

    @Test
    void keepsPortPathAndQueryAsTyped() {
        EndpointUrl url = accepted(strict, "  https://API.Example.com:8443/path?x=1  ");
        assertEquals("https://API.Example.com:8443/path?x=1", url.value());
        assertEquals("api.example.com", url.host());
        assertEquals(8443, url.port());
        assertEquals(Optional.empty(), url.literalAddress());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://8.8.8.8/hook, 8.8.8.8, 8.8.8.8",
            "https://[2606:4700::1111]/hook, 2606:4700::1111, 2606:4700::1111",
            "https://[2606:4700::1111]:8443, 2606:4700::1111, 2606:4700::1111",
            "https://134744072/hook, 134744072, 8.8.8.8",
            "https://[::ffff:8.8.8.8]/, ::ffff:8.8.8.8, 8.8.8.8",
    })
    void acceptsPublicIpLiteralsWithTheirAddress(String raw, String host, String address) {
        EndpointUrl url = accepted(strict, raw);
        assertEquals(host, url.host());
        assertEquals(Optional.of(ip(address)), url.literalAddress());
    }

    @Test
    void stripsOneTrailingDotFromTheHost() {
        assertEquals("hooks.example.com", accepted(strict, "https://hooks.example.com./x").host());
        assertTrue(refused(strict, "https://hooks.example.com../x").contains("not a valid host name"));
    }

    @Test
    void defaultsThePortFromTheScheme() {
        NetworkPolicy insecure = new NetworkPolicy(true, List.of());
        assertEquals(443, accepted(insecure, "https://example.com").port());
        assertEquals(80, accepted(insecure, "HTTP://example.com").port());
        assertEquals("http", accepted(insecure, "HTTP://example.com").scheme());
        assertEquals(443, accepted(insecure, "https://example.com:/x").port());
    }

    @Test
    void acceptsOtherInternalNamesForTheResolverToCheck() {
        assertEquals("hooks.corp.internal", accepted(strict, "https://hooks.corp.internal/x").host());
    }

    // ---- refused: form

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://hooks.example.com/x | URL must use https",
            "ftp://hooks.example.com/x | URL must use https",
            "javascript:alert(1) | URL must use https",
            "file:///etc/passwd | URL must use https",
            "hooks.example.com/x | URL must be absolute, like https://hooks.example.com/webhooks",
            "/webhooks | URL must be absolute, like https://hooks.example.com/webhooks",
            "https:hooks.example.com | URL must have a host",
            "https:///path | URL must have a host",
            "https://:443/path | URL must have a host",
            "https://user:secret@hooks.example.com/x | URL must not contain a user name or password",
            "https://user@hooks.example.com/x | URL must not contain a user name or password",
            "https://@hooks.example.com/x | URL must not contain a user name or password",
            "https://hooks.example.com/x#part | URL must not contain a fragment (#...): it is never sent to the server",
            "https://hooks.example.com/x# | URL must not contain a fragment (#...): it is never sent to the server",
            "https://hooks.example.com:0/ | URL port must be a number from 1 to 65535, not 0",
            "https://hooks.example.com:65536/ | URL port must be a number from 1 to 65535, not 65536",
            "https://hooks.example.com:99999999999/ | URL port must be a number from 1 to 65535, not 99999999999",
            "https://hooks.example.com:https/ | URL port must be a number from 1 to 65535, not https",
            "https://::1/ | an IPv6 address in a URL must be in brackets, like https://[2001:db8::1]/",
            "https://hooks.example.com:8443:9000/ | URL has an invalid host or port: hooks.example.com:8443:9000",
            "https://%6c%6fcalhost/ | host %6c%6fcalhost must not be percent-encoded",
            "https://hooks_.exa$mple.com/ | host hooks_.exa$mple.com contains the character '$', not allowed in a host name",
            "https://bücher.example/ | host bücher.example must be ASCII: write an internationalised name in its xn-- form",
    })
    void refusesMalformedUrlsWithAReason(String raw, String reason) {
        assertEquals(reason, refused(strict, raw));
    }

    @Test
    void refusesBlankTooLongAndUnparseableUrls() {
        assertEquals("URL is required", refused(strict, "   "));
        assertEquals("URL is required", refused(strict, null));
        assertEquals("URL must be at most 2048 characters",
                refused(strict, "https://hooks.example.com/" + "a".repeat(2048 - 25)));
        accepted(strict, "https://hooks.example.com/" + "a".repeat(2048 - 26));
        String spaces = "URL must not contain spaces or control characters (a space in a path is written %20)";
        assertEquals(spaces, refused(strict, "https://exa mple.com/"));
        assertEquals(spaces, refused(strict, "https://hooks.example.com/my hooks"));
        assertEquals(spaces, refused(strict, "https://hooks.example.com/x\ty"));
        assertTrue(refused(strict, "https://hooks.example.com/a|b").startsWith("URL is not valid: Illegal character"));
    }

    @Test
    void refusesNonAsciiPathsAndQueriesWhichWouldGoOutAsOtherBytes() {
        String ascii = "URL path and query must be ASCII: percent-encode other characters as UTF-8, e.g. /b%C3%BCcher for /bücher";
        assertEquals(ascii, refused(strict, "https://hooks.example.com/ok/€ü"));
        assertEquals(ascii, refused(strict, "https://hooks.example.com/ok?name=ü"));
        assertEquals("https://hooks.example.com/ok/%E2%82%AC%C3%BC?name=%C3%BC",
                accepted(strict, "https://hooks.example.com/ok/%E2%82%AC%C3%BC?name=%C3%BC").value());
    }

    @Test
    void allowsHttpOnlyWhenInsecureUrlsAreAllowed() {
        NetworkPolicy insecure = new NetworkPolicy(true, List.of());
        assertEquals("http://hooks.example.com/x", accepted(insecure, "http://hooks.example.com/x").value());
        assertEquals("URL must use https or http", refused(insecure, "ftp://hooks.example.com/x"));
    }

    // ---- refused: where it points

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://127.0.0.1/ | host 127.0.0.1 is a loopback address",
            "https://127.1/ | host 127.1 (127.0.0.1) is a loopback address",
            "https://127.0.1/ | host 127.0.1 (127.0.0.1) is a loopback address",
            "https://2130706433/ | host 2130706433 (127.0.0.1) is a loopback address",
            "https://0x7f000001/ | host 0x7f000001 (127.0.0.1) is a loopback address",
            "https://0X7F000001/ | host 0x7f000001 (127.0.0.1) is a loopback address",
            "https://0x7f.0.0.1/ | host 0x7f.0.0.1 (127.0.0.1) is a loopback address",
            "https://0177.0.0.1/ | host 0177.0.0.1 (127.0.0.1) is a loopback address",
            "https://017700000001/ | host 017700000001 (127.0.0.1) is a loopback address",
            "https://0x7f.1/ | host 0x7f.1 (127.0.0.1) is a loopback address",
            "https://0177.0x0.0.01/ | host 0177.0x0.0.01 (127.0.0.1) is a loopback address",
            "https://127.0.0.1.:8443/ | host 127.0.0.1 is a loopback address",
            "https://0/ | host 0 (0.0.0.0) is an unspecified address",
            "https://0.0.0.0:9000/ | host 0.0.0.0 is an unspecified address",
            "https://10.0.0.1/ | host 10.0.0.1 is a private network address",
            "https://012.0.0.1/ | host 012.0.0.1 (10.0.0.1) is a private network address",
            "https://0xa.0xa0001/ | host 0xa.0xa0001 (10.10.0.1) is a private network address",
            "https://167772161/ | host 167772161 (10.0.0.1) is a private network address",
            "https://192.168.1.1/ | host 192.168.1.1 is a private network address",
            "https://172.16.0.1/ | host 172.16.0.1 is a private network address",
            "https://100.64.0.1/ | host 100.64.0.1 is a private network address",
            "https://169.254.169.254/latest/meta-data/ | host 169.254.169.254 is a cloud metadata address",
            "https://2852039166/ | host 2852039166 (169.254.169.254) is a cloud metadata address",
            "https://0xa9.254.0251.0376/ | host 0xa9.254.0251.0376 (169.254.169.254) is a cloud metadata address",
            "https://169.254.170.2/ | host 169.254.170.2 is a cloud metadata address",
            "https://100.100.100.200/ | host 100.100.100.200 is a cloud metadata address",
            "https://192.0.0.192/ | host 192.0.0.192 is a cloud metadata address",
            "https://169.254.1.1/ | host 169.254.1.1 is a link-local address",
            "https://224.0.0.1/ | host 224.0.0.1 is a multicast address",
            "https://255.255.255.255/ | host 255.255.255.255 is a reserved address",
            "https://203.0.113.5/ | host 203.0.113.5 is a reserved address",
    })
    void refusesIpv4LiteralsInEverySpellingWithTheirClass(String raw, String reason) {
        assertEquals(reason, refused(strict, raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://[::1]/ | host [::1] is a loopback address",
            "https://[0:0:0:0:0:0:0:1]/ | host [0:0:0:0:0:0:0:1] (::1) is a loopback address",
            "https://[0000:0000::0001]:8443/ | host [0000:0000::0001] (::1) is a loopback address",
            "https://[::ffff:127.0.0.1]/ | host [::ffff:127.0.0.1] (127.0.0.1) is a loopback address",
            "https://[::FFFF:7F00:1]/ | host [::ffff:7f00:1] (127.0.0.1) is a loopback address",
            "https://[::ffff:a9fe:a9fe]/ | host [::ffff:a9fe:a9fe] (169.254.169.254) is a cloud metadata address",
            "https://[::]/ | host [::] is an unspecified address",
            "https://[::127.0.0.1]/ | host [::127.0.0.1] (::7f00:1) is a loopback address",
            "https://[64:ff9b::127.0.0.1]/ | host [64:ff9b::127.0.0.1] (64:ff9b::7f00:1) is a loopback address",
            "https://[64:ff9b::a00:1]/ | host [64:ff9b::a00:1] is a private network address",
            "https://[2002:7f00:1::]/ | host [2002:7f00:1::] is a loopback address",
            "https://[2002:a9fe:a9fe::1]/ | host [2002:a9fe:a9fe::1] is a cloud metadata address",
            "https://[fd00:ec2::254]/ | host [fd00:ec2::254] is a cloud metadata address",
            "https://[fd12::1]/ | host [fd12::1] is a private network address",
            "https://[fe80::1]/ | host [fe80::1] is a link-local address",
            "https://[ff02::1]/ | host [ff02::1] is a multicast address",
            "https://[2001:db8::1]/ | host [2001:db8::1] is a reserved address",
            "https://[fec0::1]/ | host [fec0::1] is a reserved address",
            "https://[fe80::1%25eth0]/ | URL must not contain an IPv6 zone id (%25eth0)",
            "https://[2606:4700::1111%25eth0]/ | URL must not contain an IPv6 zone id (%25eth0)",
    })
    void refusesIpv6LiteralsInEverySpellingWithTheirClass(String raw, String reason) {
        assertEquals(reason, refused(strict, raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://256.0.0.1/ | host 256.0.0.1 is not a valid IP address",
            "https://1.2.3.4.5/ | host 1.2.3.4.5 is not a valid IP address",
            "https://4294967296/ | host 4294967296 is not a valid IP address",
            "https://0x100000000/ | host 0x100000000 is not a valid IP address",
            "https://127.0.0.256/ | host 127.0.0.256 is not a valid IP address",
            "https://127.16777216/ | host 127.16777216 is not a valid IP address",
            "https://08.0.0.1/ | host 08.0.0.1 is not a valid IP address",
            "https://0x7g.0.0.1/ | host 0x7g.0.0.1 is not a valid IP address",
            "https://127..1/ | host 127..1 is not a valid IP address",
            "https://.127.0.0.1/ | host .127.0.0.1 is not a valid IP address",
            "https://hooks.example.1/ | host hooks.example.1 is not a valid IP address",
            "https://99999999999999999999999999/ | host 99999999999999999999999999 is not a valid IP address",
            "https://１２７.0.0.1/ | host １２７.0.0.1 is not a valid IP address",
    })
    void refusesHostsThatLookLikeIpv4AddressesButAreNotValidOnes(String raw, String reason) {
        assertEquals(reason, refused(strict, raw));
    }

    @Test
    void refusesInvalidIpv6Literals() {
        assertTrue(refused(strict, "https://[::1::2]/").startsWith("URL is not valid"));
        assertTrue(refused(strict, "https://[12345::1]/").startsWith("URL is not valid"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://localhost/ | host localhost is a loopback address",
            "https://LOCALHOST.:8443/ | host localhost is a loopback address",
            "https://hooks.localhost/ | host hooks.localhost is a loopback address",
            "https://localhost.localdomain/ | host localhost.localdomain is a loopback address",
            "https://metadata/ | host metadata is a cloud metadata address",
            "https://metadata.google.internal/computeMetadata/v1/ | host metadata.google.internal is a cloud metadata address",
            "https://metadata.google.internal./ | host metadata.google.internal is a cloud metadata address",
            "https://instance-data/ | host instance-data is a cloud metadata address",
            "https://instance-data.ec2.internal/ | host instance-data.ec2.internal is a cloud metadata address",
    })
    void refusesNamesThatAlwaysMeanLoopbackOrMetadata(String raw, String reason) {
        assertEquals(reason, refused(strict, raw));
    }

    // ---- allowed private networks

    @Test
    void anAllowedPrivateNetworkLetsItsAddressesThroughButNoOthers() {
        NetworkPolicy development = new NetworkPolicy(false, List.of(Cidr.parse("127.0.0.0/8")));
        EndpointUrl url = accepted(development, "https://127.0.0.1:9000/hook");
        assertEquals("127.0.0.1", url.host());
        assertEquals(9000, url.port());
        assertEquals(Optional.of(ip("127.0.0.1")), url.literalAddress());
        accepted(development, "https://127.1:9000/hook");
        accepted(development, "https://[::ffff:127.0.0.1]:9000/hook");
        accepted(development, "https://localhost:9000/hook");
        assertEquals("host 10.0.0.1 is a private network address", refused(development, "https://10.0.0.1/hook"));
        assertEquals("host [::1] is a loopback address", refused(development, "https://[::1]:9000/hook"));
        assertEquals("host metadata is a cloud metadata address", refused(development, "https://metadata/"));
    }

    @Test
    void anAllowedPrivateNetworkDoesNotAllowHttp() {
        NetworkPolicy development = new NetworkPolicy(false, List.of(Cidr.parse("127.0.0.0/8")));
        assertEquals("URL must use https", refused(development, "http://127.0.0.1:9000/hook"));
        NetworkPolicy insecure = new NetworkPolicy(true, List.of(Cidr.parse("127.0.0.0/8")));
        assertEquals(80, accepted(insecure, "http://127.0.0.1/hook").port());
    }
}
