package dev.hookline.domain.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SigningSecretTest {

    private static String secretOf(int bytes) {
        byte[] key = new byte[bytes];
        new SplittableRandom(bytes).nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String reasonFor(String text) {
        return assertInstanceOf(SecretParse.Invalid.class, SigningSecret.parse(text)).reason();
    }

    @Test
    void generatedSecretsAreWhsecPrefixedBase64Of32RandomBytes() {
        SecureRandom random = new SecureRandom();
        SigningSecret first = SigningSecret.generate(random);
        SigningSecret second = SigningSecret.generate(random);

        assertTrue(first.value().startsWith(SigningSecret.PREFIX));
        assertEquals(32, first.key().length);
        assertArrayEquals(Base64.getDecoder().decode(first.value().substring(6)), first.key());
        assertNotEquals(first, second);
        assertInstanceOf(SecretParse.Valid.class, SigningSecret.parse(first.value()));
    }

    @Test
    void generationUsesTheGivenRandomSource() {
        assertEquals(SigningSecret.generate(new SplittableRandom(7)), SigningSecret.generate(new SplittableRandom(7)));
    }

    @Test
    void acceptsMerchantSecretsOf24To64Bytes() {
        for (int bytes : new int[] {24, 32, 64}) {
            SecretParse.Valid valid = assertInstanceOf(SecretParse.Valid.class, SigningSecret.parse(secretOf(bytes)));
            assertEquals(secretOf(bytes), valid.secret().value());
            assertEquals(bytes, valid.secret().key().length);
        }
    }

    @Test
    void acceptsBase64WithoutPaddingAndTrimsPastedWhitespace() {
        String padded = secretOf(32);
        assertTrue(padded.endsWith("="));
        String unpadded = padded.substring(0, padded.length() - 1);

        assertEquals(32, ((SecretParse.Valid) SigningSecret.parse(unpadded)).secret().key().length);
        assertEquals(padded, ((SecretParse.Valid) SigningSecret.parse("  " + padded + "\n")).secret().value());
    }

    @Test
    void refusesKeysShorterThan24OrLongerThan64Bytes() {
        assertEquals("secret key must be 24 to 64 bytes, got 23", reasonFor(secretOf(23)));
        assertEquals("secret key must be 24 to 64 bytes, got 65", reasonFor(secretOf(65)));
        assertEquals("secret key must be 24 to 64 bytes, got 10", reasonFor(secretOf(10)));
        assertEquals("secret key must be 24 to 64 bytes, got 0", reasonFor("whsec_"));
    }

    @Test
    void refusesSecretsWithoutTheWhsecPrefix() {
        assertEquals("secret must start with whsec_", reasonFor(secretOf(32).substring(6)));
        assertEquals("secret must start with whsec_", reasonFor("WHSEC_" + secretOf(32).substring(6)));
    }

    @Test
    void refusesSecretsThatAreNotStandardBase64AfterThePrefix() {
        assertEquals("secret must be base64 after whsec_", reasonFor("whsec_not base64 at all!!"));
        assertEquals("secret must be base64 after whsec_", reasonFor("whsec_" + "-_-_".repeat(10)));
    }

    @Test
    void refusesNullAndBlankSecrets() {
        assertEquals("secret must not be blank", reasonFor(null));
        assertEquals("secret must not be blank", reasonFor(""));
        assertEquals("secret must not be blank", reasonFor("   "));
    }

    @Test
    void constructorEnforcesTheSameRulesAsParse() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new SigningSecret(secretOf(10)));
        assertEquals("secret key must be 24 to 64 bytes, got 10", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SigningSecret(" " + secretOf(32)));
        assertThrows(IllegalArgumentException.class, () -> new SigningSecret(null));
    }

    @Test
    void toStringNeverRevealsTheSecret() {
        SigningSecret secret = new SigningSecret(secretOf(32));
        String key = secret.value().substring(6);

        assertFalse(secret.toString().contains(key));
        assertFalse(secret.toString().contains(key.substring(0, 6)));
        assertFalse(new SecretRing(secret, java.util.List.of()).toString().contains(key.substring(0, 6)));
        assertEquals("whsec_…(redacted)", secret.toString());
    }

    @Test
    void utf8IsTheWholeSecretStringAndKeyIsTheDecodedPart() {
        SigningSecret secret = new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertArrayEquals("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8), secret.utf8());
        assertArrayEquals(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), secret.key());
    }
}
