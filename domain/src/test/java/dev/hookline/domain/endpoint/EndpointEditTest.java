package dev.hookline.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.signing.SigningSecret;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointEditTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");
    private final Endpoint endpoint = Endpoint.create(AccountId.generate(), "https://hooks.example.com/a", "orders",
            new EventFilter.AllEvents(), SigningSecret.generate(new SecureRandom()), T0);

    @Test
    void anEditThatChangesNothingLeavesTheEndpointAsItWas() {
        Instant later = T0.plusSeconds(60);
        assertSame(endpoint, endpoint.edit(null, null, null, later));
        assertSame(endpoint, endpoint.edit("https://hooks.example.com/a", "orders", new EventFilter.AllEvents(), later));
        assertSame(endpoint, endpoint.withRateLimit(null, later));
    }

    @Test
    void anEditThatChangesSomethingIsStampedWithItsTime() {
        Instant later = T0.plusSeconds(60);
        Endpoint edited = endpoint.edit(null, "payments", null, later);
        assertEquals("payments", edited.description());
        assertEquals(later, edited.updatedAt());
        assertEquals("https://hooks.example.com/a", edited.url());
        assertEquals(later, endpoint.withRateLimit(5, later).updatedAt());
    }
}
