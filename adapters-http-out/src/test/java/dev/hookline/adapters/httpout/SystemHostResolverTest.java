package dev.hookline.adapters.httpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.HostResolver.Resolution;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SystemHostResolverTest {

    private final SystemHostResolver resolver = new SystemHostResolver(Duration.ofSeconds(2));

    @AfterEach
    void close() {
        resolver.close();
    }

    @Test
    void a_name_resolves_to_all_its_addresses() {
        Resolution.Resolved resolved = assertInstanceOf(Resolution.Resolved.class, resolver.resolve("localhost"));

        assertTrue(resolved.addresses().stream().allMatch(InetAddress::isLoopbackAddress), resolved::toString);
    }

    @Test
    void ip_literals_resolve_to_themselves_with_or_without_brackets() throws Exception {
        assertEquals(new Resolution.Resolved(java.util.List.of(InetAddress.getByName("10.1.2.3"))),
                resolver.resolve("10.1.2.3"));
        assertEquals(new Resolution.Resolved(java.util.List.of(InetAddress.getByName("::1"))),
                resolver.resolve("[::1]"));
    }

    @Test
    void an_unknown_name_is_unresolved_not_an_error() {
        assertEquals(new Resolution.Unresolved("host nonexistent.invalid not found"),
                resolver.resolve("nonexistent.invalid"));
    }
}
