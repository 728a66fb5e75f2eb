package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void encryptsWithAFreshIvAndDecryptsWithTheSameKey() {
        SecretCipher cipher = new SecretCipher(TestDatabase.SECRET_KEY, "unused");
        String first = cipher.encrypt(SECRET, "wh_1");
        String second = cipher.encrypt(SECRET, "wh_1");
        assertTrue(first.startsWith("v1:"));
        assertNotEquals(first, second);
        assertTrue(!first.contains("whsec_"));
        assertEquals(SECRET, cipher.decrypt(first, "wh_1"));
        assertEquals(SECRET, new SecretCipher(TestDatabase.SECRET_KEY, "unused").decrypt(second, "wh_1"));
    }

    @Test
    void refusesToDecryptWithAnotherKey() {
        String stored = new SecretCipher(TestDatabase.SECRET_KEY, "unused").encrypt(SECRET, "wh_1");
        SecretCipher other = new SecretCipher(new byte[32]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.decrypt(stored, "wh_1"));
        assertTrue(e.getMessage().contains("hookline.secret-key"), e.getMessage());
    }

    @Test
    void refusesACiphertextMovedToAnotherRow() {
        SecretCipher cipher = new SecretCipher(TestDatabase.SECRET_KEY, "unused");
        String stored = cipher.encrypt(SECRET, "wh_1");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, "wh_2"));
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThrows(IllegalStateException.class, () -> new SecretCipher(shortKey, "unused"));
    }

    @Test
    void generatesAPrivateKeyFileOnFirstStartAndReusesIt(@TempDir Path dataDir) throws Exception {
        SecretCipher first = new SecretCipher(null, dataDir.toString());
        Path file = dataDir.resolve("secret-key");
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String stored = first.encrypt(SECRET, "wh_1");
        SecretCipher second = new SecretCipher("", dataDir.toString());
        assertEquals(SECRET, second.decrypt(stored, "wh_1"));
    }
}
