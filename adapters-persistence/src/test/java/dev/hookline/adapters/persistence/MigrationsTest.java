package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest extends DatabaseTest {

    @Test
    void migrationsApplyOnAnEmptyDatabaseWithTheVendorFolderOfThatDatabase() {
        List<String> applied = jdbc.withConnection(c -> {
            List<String> scripts = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT script FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    scripts.add(rs.getString(1));
                }
            }
            return scripts;
        });
        assertEquals(TestDatabase.postgresql()
                ? List.of("V1__schema.sql", "V2__due_queue_index.sql", "V2_1__quartz_tables.sql", "V3__settings.sql",
                        "V4__partial_status_indexes.sql", "V6__held_release_queue.sql", "V7__held_by_endpoint_index.sql")
                : List.of("V1__schema.sql", "V2__due_queue_index.sql", "V3__settings.sql",
                        "V5__due_queue_covering_index.sql", "V6__held_release_queue.sql"), applied);
        for (String table : List.of("accounts", "users", "api_keys", "event_types", "endpoints", "events",
                "deliveries", "attempts")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table);
        }
    }

    @Test
    void theDueQueueIndexIsPartialOnPostgresqlAndCoversTheClaimOnH2() {
        if (!TestDatabase.postgresql()) {
            assertEquals(Jdbc.Database.H2, jdbc.database());
            // no partial indexes on H2: the index covers what a claim filters on and reads instead
            List<String> columns = jdbc.withConnection(c -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT column_name FROM information_schema.index_columns"
                        + " WHERE index_name = 'deliveries_due' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            });
            assertEquals(List.of("due_at", "endpoint_id", "id"), columns);
            return;
        }
        assertEquals(Jdbc.Database.POSTGRESQL, jdbc.database());
        String definition = jdbc.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = 'deliveries_due'")) {
                return rs.next() ? rs.getString(1) : "";
            }
        });
        assertTrue(definition.contains("WHERE (due_at IS NOT NULL)"), definition);
        assertEquals(0, count("SELECT COUNT(*) FROM qrtz_locks"), "Quartz's cluster tables exist, empty");
    }
}
