package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
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
                        "V4__partial_status_indexes.sql", "V6__held_release_queue.sql", "V7__held_by_endpoint_index.sql",
                        "V8__last_delivery_status.sql")
                : List.of("V1__schema.sql", "V2__due_queue_index.sql", "V3__settings.sql",
                        "V5__due_queue_covering_index.sql", "V6__held_release_queue.sql", "V8__last_delivery_status.sql"),
                applied);
        for (String table : List.of("accounts", "users", "api_keys", "event_types", "endpoints", "events",
                "deliveries", "attempts")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table);
        }
    }

    @Test
    void v8FillsInTheLastDeliveryOfEndpointsAttemptedBeforeIt() throws SQLException {
        String url;
        String user = null;
        String password = null;
        if (TestDatabase.postgresql()) {
            url = TestDatabase.newPostgresqlDatabase();
        } else {
            url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH";
            user = "sa";
            password = "";
        }
        String[] locations = FlywayLocations.locationsFor(TestDatabase.postgresql()
                ? Jdbc.Database.POSTGRESQL : Jdbc.Database.H2);
        Flyway.configure().dataSource(url, user, password).locations(locations).target("6").load().migrate();
        try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement()) {
            String t = "TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00'";
            s.execute("INSERT INTO accounts (id, name, created_at) VALUES ('acc_1', 'Shop', " + t + ")");
            for (String e : List.of("wh_attempted", "wh_never")) {
                s.execute("INSERT INTO endpoints (id, account_id, url, description, event_filter, secrets, last_attempt_at,"
                        + " created_at, updated_at) VALUES ('" + e + "', 'acc_1', 'https://example.com', '', '*', 'v1:x', "
                        + (e.equals("wh_never") ? "NULL" : t) + ", " + t + ", " + t + ")");
            }
            String[][] rows = {
                    {"del_1", "wh_attempted", "SUCCEEDED", "1"},
                    {"del_2", "wh_attempted", "RETRYING", "2"}, // the newest attempted delivery
                    {"del_3", "wh_attempted", "HELD", "0"},
                    {"del_4", "wh_never", "PENDING", "0"}};
            for (String[] r : rows) {
                s.execute("INSERT INTO events (id, account_id, type, created_at, data) VALUES ('evt_" + r[0]
                        + "', 'acc_1', 'a.b', " + t + ", '{}')");
                s.execute("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempts,"
                        + " attempt_limit, triggered_by, created_at, updated_at) VALUES ('" + r[0] + "', 'acc_1', 'evt_"
                        + r[0] + "', '" + r[1] + "', 'a.b', '" + r[2] + "', " + r[3] + ", 5, 'SCHEDULED', " + t + ", "
                        + t + ")");
            }
        }
        Flyway.configure().dataSource(url, user, password).locations(locations).load().migrate();
        try (Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT id, last_delivery_status FROM endpoints ORDER BY id")) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertEquals(List.of("wh_attempted=RETRYING", "wh_never=null"), found);
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
