package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureSchemeTest {

    @Test
    void namedConfigValuesGiveTheirSchemesWithDefaults() {
        assertEquals(new SignatureScheme.Standard(), SignatureScheme.named("standard", null, null));
        assertEquals(new SignatureScheme.HmacSha256("X-Webhook-Signature", "sha256="),
                SignatureScheme.named("hmac-sha256", null, null));
        assertEquals(new SignatureScheme.Timestamped("X-Webhook-Timestamp-Signature"),
                SignatureScheme.named("timestamped", null, null));
        assertEquals(new SignatureScheme.HmacSha256(), SignatureScheme.named(" HMAC-SHA256 ", null, null));
    }

    @Test
    void namedAppliesOverridesWhereTheSchemeHasThemAndIgnoresThemElsewhere() {
        assertEquals(new SignatureScheme.HmacSha256("X-Revkeen-Signature", "v1="),
                SignatureScheme.named("hmac-sha256", "X-Revkeen-Signature", "v1="));
        assertEquals(new SignatureScheme.Timestamped("X-Whop-Signature"),
                SignatureScheme.named("timestamped", "X-Whop-Signature", "sha256="));
        assertEquals(new SignatureScheme.Standard(), SignatureScheme.named("standard", "X-Revkeen-Signature", "sha256="));
    }

    @Test
    void anUnknownNameIsRefusedNamingTheAllowedValues() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SignatureScheme.named("sha1", null, null));

        assertEquals("unknown signature scheme \"sha1\": use standard, hmac-sha256 or timestamped", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignatureScheme.named(null, null, null));
    }

    @Test
    void headerNamesMustBeHttpTokensAndNotHeadersEveryAttemptSets() {
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("X Signature", "sha256="));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("X-Sig:", "sha256="));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("X-Sig\r\nX-Evil", "sha256="));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("", "sha256="));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.Timestamped("Webhook-Timestamp"));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.Timestamped("Content-Type"));
    }

    @Test
    void thePrefixMayBeEmptyButNotContainSpacesOrControlCharacters() {
        assertEquals("", new SignatureScheme.HmacSha256("X-Webhook-Signature", "").prefix());
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("X-Webhook-Signature", "sha256 ="));
        assertThrows(IllegalArgumentException.class, () -> new SignatureScheme.HmacSha256("X-Webhook-Signature", "a\nb"));
        assertThrows(NullPointerException.class, () -> new SignatureScheme.HmacSha256("X-Webhook-Signature", null));
    }

    @Test
    void theDefaultsAreStandardThenHmacSha256() {
        assertEquals(List.of(new SignatureScheme.Standard(), new SignatureScheme.HmacSha256()), SignatureScheme.defaults());
        assertEquals(List.of("standard", "hmac-sha256"),
                SignatureScheme.defaults().stream().map(SignatureScheme::name).toList());
        assertTrue(SignatureScheme.defaults().stream().map(SignatureScheme::header).toList()
                .containsAll(List.of("webhook-signature", "X-Webhook-Signature")));
    }
}
