package dev.hookline.adapters.persistence;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Refuses to start with a {@code hookline.secret-key} other than the one the database's signing
 * secrets are encrypted with. Without it, a second node started without the shared key (or a node
 * whose generated key file was lost) would generate a key of its own, fail to sign for every
 * existing endpoint and encrypt new ones so that the other nodes cannot read them. The first node
 * to start stores the key's {@link SecretCipher#fingerprint() fingerprint}; every later start compares.
 */
@Context
public class SecretKeyCheck {

    static final String SETTING = "secret-key-fingerprint";

    private final Jdbc jdbc;
    private final JdbcTransactions transactions;
    private final SecretCipher cipher;

    public SecretKeyCheck(Jdbc jdbc, JdbcTransactions transactions, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    @PostConstruct
    void verify() {
        String mine = cipher.fingerprint();
        String stored = transactions.inTransaction(() -> jdbc.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hookline_settings (setting_name, "
                    + "setting_value) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, SETTING);
                insert.setString(2, mine);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT setting_value FROM hookline_settings WHERE setting_name = ?")) {
                select.setString(1, SETTING);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }));
        if (!stored.equals(mine)) {
            throw new IllegalStateException("hookline.secret-key is not the key this database's signing secrets are"
                    + " encrypted with (its fingerprint is " + mine + ", the database's is " + stored + "). Give"
                    + " every node the same HOOKLINE_SECRET_KEY, or restore the data directory's secret-key file.");
        }
    }
}
