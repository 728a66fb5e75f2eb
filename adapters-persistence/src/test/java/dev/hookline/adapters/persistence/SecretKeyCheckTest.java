package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretKeyCheckTest extends DatabaseTest {

    @Test
    void theFirstStartStoresTheKeysFingerprintAndLaterStartsWithTheSameKeyPass() {
        String stored = rawColumn("SELECT setting_value FROM hookline_settings WHERE setting_name = ?",
                SecretKeyCheck.SETTING);
        assertEquals(context.getBean(SecretCipher.class).fingerprint(), stored);
        new SecretKeyCheck(jdbc, context.getBean(JdbcTransactions.class), context.getBean(SecretCipher.class)).verify();
    }

    @Test
    void aNodeWithAnotherKeyRefusesToStartAndSaysWhy() {
        SecretCipher other = new SecretCipher(new byte[32]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SecretKeyCheck(jdbc, context.getBean(JdbcTransactions.class), other).verify());
        assertTrue(e.getMessage().contains("HOOKLINE_SECRET_KEY"), e.getMessage());
        assertEquals(context.getBean(SecretCipher.class).fingerprint(),
                rawColumn("SELECT setting_value FROM hookline_settings WHERE setting_name = ?", SecretKeyCheck.SETTING),
                "the stored fingerprint is left alone");
    }

    @Test
    void theFingerprintDependsOnTheKeyAndRevealsNothingOfIt() {
        SecretCipher a = new SecretCipher(TestDatabase.SECRET_KEY, "unused");
        assertEquals(a.fingerprint(), new SecretCipher(TestDatabase.SECRET_KEY, "unused").fingerprint());
        assertTrue(!a.fingerprint().equals(new SecretCipher(new byte[32]).fingerprint()));
        assertEquals(16, a.fingerprint().length());
    }
}
