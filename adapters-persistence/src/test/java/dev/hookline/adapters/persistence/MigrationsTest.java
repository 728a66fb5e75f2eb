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
                        "V8__last_delivery_status.sql", "V9__endpoint_tallies.sql", "V10__endpoint_soft_delete.sql", "V11__signed_out_sessions.sql", "V12__switched_endpoints_index.sql",
                        "V13__one_held_index.sql")
                : List.of("V1__schema.sql", "V2__due_queue_index.sql", "V3__settings.sql",
                        "V5__due_queue_covering_index.sql", "V6__held_release_queue.sql", "V8__last_delivery_status.sql",
                        "V9__endpoint_tallies.sql", "V10__endpoint_soft_delete.sql", "V11__signed_out_sessions.sql", "V12__switched_endpoints_index.sql"),
                applied);
        for (String table : List.of("accounts", "users", "api_keys", "event_types", "endpoints", "events",
                "deliveries", "attempts", "endpoint_tallies", "signed_out_sessions")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table);
        }
    }

    /** A fresh database of the store under test, migrated up to {@code target} (all with {@code null}). */
    private record Database(String url, String user, String password, String[] locations) {

        static Database migratedTo(String target) {
            Database db = TestDatabase.postgresql()
                    ? new Database(TestDatabase.newPostgresqlDatabase(), null, null,
                            FlywayLocations.locationsFor(Jdbc.Database.POSTGRESQL))
                    : new Database("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "",
                            FlywayLocations.locationsFor(Jdbc.Database.H2));
            db.migrate(target);
            return db;
        }

        void migrate(String target) {
            var flyway = Flyway.configure().dataSource(url, user, password).locations(locations);
            (target == null ? flyway : flyway.target(target)).load().migrate();
        }

        Connection open() throws SQLException {
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        }
    }

    private static final String T = "TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00'";

    private static void account(Statement s) throws SQLException {
        s.execute("INSERT INTO accounts (id, name, created_at) VALUES ('acc_1', 'Shop', " + T + ")");
    }

    private static void endpoint(Statement s, String id, boolean attempted) throws SQLException {
        s.execute("INSERT INTO endpoints (id, account_id, url, description, event_filter, secrets, last_attempt_at,"
                + " created_at, updated_at) VALUES ('" + id + "', 'acc_1', 'https://example.com', '', '*', 'v1:x', "
                + (attempted ? T : "NULL") + ", " + T + ", " + T + ")");
    }

    private static void delivery(Statement s, String id, String endpoint, String status, int attempts)
            throws SQLException {
        s.execute("INSERT INTO events (id, account_id, type, created_at, data) VALUES ('evt_" + id
                + "', 'acc_1', 'a.b', " + T + ", '{}')");
        s.execute("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempts,"
                + " attempt_limit, triggered_by, created_at, updated_at) VALUES ('" + id + "', 'acc_1', 'evt_"
                + id + "', '" + endpoint + "', 'a.b', '" + status + "', " + attempts + ", 5, 'SCHEDULED', " + T + ", "
                + T + ")");
    }

    @Test
    void v8FillsInTheLastDeliveryOfEndpointsAttemptedBeforeIt() throws SQLException {
        Database db = Database.migratedTo("6");
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            account(s);
            endpoint(s, "wh_attempted", true);
            endpoint(s, "wh_never", false);
            delivery(s, "del_1", "wh_attempted", "SUCCEEDED", 1);
            delivery(s, "del_2", "wh_attempted", "RETRYING", 2); // the newest attempted delivery
            delivery(s, "del_3", "wh_attempted", "HELD", 0);
            delivery(s, "del_4", "wh_never", "PENDING", 0);
        }
        db.migrate(null);
        try (Connection c = db.open();
             ResultSet rs = c.createStatement().executeQuery("SELECT id, last_delivery_status FROM endpoints ORDER BY id")) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertEquals(List.of("wh_attempted=RETRYING", "wh_never=null"), found);
        }
    }

    @Test
    void v9TalliesTheAttemptsAndFinishedDeliveriesRecordedBeforeIt() throws SQLException {
        Database db = Database.migratedTo("8");
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            account(s);
            endpoint(s, "wh_1", true);
            endpoint(s, "wh_never", false);
            delivery(s, "del_ok", "wh_1", "SUCCEEDED", 2);
            delivery(s, "del_failed", "wh_1", "FAILED", 1);
            delivery(s, "del_retrying", "wh_1", "RETRYING", 1);
            delivery(s, "del_pending", "wh_never", "PENDING", 0);
            String[][] attempts = {
                    // delivery, number, started (UTC, 2026-11-01), duration ms, status (NULL: no answer)
                    {"del_ok", "1", "10:05:00", "100", "500"},
                    {"del_ok", "2", "11:10:00", "50", "200"},      // finishes it in the next hour
                    {"del_failed", "1", "10:20:00", "30000", "NULL"},
                    {"del_retrying", "1", "10:59:59.999", "10", "503"}};
            for (String[] a : attempts) {
                s.execute("INSERT INTO attempts (id, delivery_id, attempt_number, triggered_by, started_at, duration_ms,"
                        + " request_headers, response_status) VALUES ('att_" + a[0] + a[1] + "', '" + a[0] + "', " + a[1]
                        + ", 'SCHEDULED', TIMESTAMP WITH TIME ZONE '2026-11-01 " + a[2] + "+00', " + a[3] + ", '{}', "
                        + a[4] + ")");
            }
        }
        db.migrate(null);
        long ten = dev.hookline.domain.delivery.DeliveryTally.epochHour(java.time.Instant.parse("2026-11-01T10:00:00Z"));
        try (Connection c = db.open(); ResultSet rs = c.createStatement().executeQuery("SELECT endpoint_id, epoch_hour,"
                + " attempts, attempts_succeeded, attempt_ms, succeeded, failed FROM endpoint_tallies"
                + " ORDER BY endpoint_id, epoch_hour")) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1) + "@" + (rs.getLong(2) - ten) + ": " + rs.getLong(3) + " " + rs.getLong(4)
                        + " " + rs.getLong(5) + " " + rs.getLong(6) + " " + rs.getLong(7));
            }
            assertEquals(List.of("wh_1@0: 3 0 30110 0 1", "wh_1@1: 1 1 50 1 0"), found);
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
