package dev.hookline.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * H2 migration 4: H2 gave each foreign key of V1 an index of its own, because the foreign keys
 * are declared inside CREATE TABLE, before the indexes that start with the same column exist
 * (deliveries (event_id, endpoint_id) and (endpoint_id, id), attempts (delivery_id, id), the
 * events idempotency key (account_id, …)). Every insert and every status change then wrote two
 * more index entries on deliveries and one more on attempts and events. Each such foreign key is
 * dropped (its index goes with it) and added again, which makes H2 use the existing index.
 * The constraint names H2 generated differ between databases, so they are looked up; a
 * Java migration because plain SQL cannot do that.
 */
final class H2ForeignKeyIndexes implements JavaMigration {

    /** Table, column, referenced table, ON DELETE clause: the foreign keys of V1 that got their own index. */
    private record ForeignKey(String table, String column, String references, String onDelete) {
    }

    private static final List<ForeignKey> KEYS = List.of(
            new ForeignKey("deliveries", "event_id", "events", ""),
            new ForeignKey("deliveries", "endpoint_id", "endpoints", " ON DELETE CASCADE"),
            new ForeignKey("attempts", "delivery_id", "deliveries", " ON DELETE CASCADE"),
            new ForeignKey("events", "account_id", "accounts", " ON DELETE CASCADE"));

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "h2 foreign keys share indexes";
    }

    @Override
    public Integer getChecksum() {
        return 4;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (ForeignKey key : KEYS) {
            try (Statement s = c.createStatement()) {
                for (String name : constraintNames(c, key)) {
                    s.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT \"" + name + "\"");
                }
                s.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.table() + "_" + key.column() + "_fk"
                        + " FOREIGN KEY (" + key.column() + ") REFERENCES " + key.references() + " (id)" + key.onDelete());
            }
        }
    }

    private static List<String> constraintNames(Connection c, ForeignKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tc.constraint_name FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage k
                  ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = CURRENT_SCHEMA
                  AND LOWER(tc.table_name) = ? AND LOWER(k.column_name) = ?""")) {
            ps.setString(1, key.table());
            ps.setString(2, key.column());
            List<String> names = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
