package dev.hookline.bootstrap.e2e;

import dev.hookline.bootstrap.testing.JsonFields;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Hookline for tests: the real server, database (a fresh H2 file under {@code target/}, or a fresh
 * PostgreSQL database, see {@link TestPostgres}), dispatcher and Quartz jobs, with a short retry
 * schedule and loopback receivers allowed. Talks to it over HTTP like any client.
 */
final class TestHookline extends ApiClient implements AutoCloseable {

    /** The stores the end-to-end tests run on. */
    enum Store {
        H2, POSTGRESQL;

        /** Settings for a fresh, empty database of this store. */
        Map<String, Object> freshDatabase(Path dataDir) {
            return this == H2 ? h2(dataDir) : postgresql(TestPostgres.newDatabase());
        }
    }

    static final String OPERATOR_KEY = "hk_op_test_operator_key";
    /** base64 of 32 bytes: for nodes that must share one key (a cluster). */
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    final ApplicationContext context;
    final EmbeddedServer server;
    final Path dataDir;

    private TestHookline(ApplicationContext context, Path dataDir) {
        super("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort());
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
        this.dataDir = dataDir;
    }

    static Map<String, Object> defaults(Path dataDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("hookline.data-dir", dataDir.toString());
        p.putAll(h2(dataDir));
        p.put("hookline.operator-key", OPERATOR_KEY);
        p.put("hookline.admin.password", "operator-password-1");
        p.put("hookline.endpoints.allow-insecure-urls", true);
        p.put("hookline.endpoints.allowed-private-networks", "127.0.0.0/8");
        p.put("hookline.delivery.retry-schedule", "300ms,600ms");
        p.put("hookline.delivery.retry-jitter", 0);
        p.put("hookline.delivery.timeout", "1s");
        p.put("hookline.delivery.lease", "3s");
        p.put("hookline.scheduling.sweep-interval", "100ms");
        p.put("hookline.scheduling.maintenance-interval", "500ms");
        p.put("hookline.signatures", "standard,hmac-sha256,timestamped");
        p.put("hookline.security.bcrypt-cost", 4);
        p.put("hookline.api.rate-limit", 0);
        return p;
    }

    static Map<String, Object> h2(Path dataDir) {
        return Map.of("datasources.default.url", "jdbc:h2:file:" + dataDir.toAbsolutePath() + "/hookline;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
    }

    /** A PostgreSQL database by URL (user and password in it), as {@code DATASOURCES_DEFAULT_URL} would give it. */
    static Map<String, Object> postgresql(String jdbcUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", queryParameter(jdbcUrl, "user", "postgres"));
        p.put("datasources.default.password", queryParameter(jdbcUrl, "password", ""));
        // nodes ask each other for cluster take-over every second instead of 7.5 s
        p.put("hookline.scheduling.cluster-checkin-interval", "1s");
        return p;
    }

    private static String queryParameter(String url, String name, String otherwise) {
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }

    static Path newDataDir() throws IOException {
        Path dir = Path.of("target", "test-data", UUID.randomUUID().toString());
        Files.createDirectories(dir);
        return dir;
    }

    static TestHookline start() throws IOException {
        return start(Map.of());
    }

    static TestHookline start(Map<String, Object> overrides) throws IOException {
        return start(Store.H2, overrides);
    }

    /** Hookline on a fresh, empty database of {@code store}. */
    static TestHookline start(Store store, Map<String, Object> overrides) throws IOException {
        Path dir = newDataDir();
        Map<String, Object> p = defaults(dir);
        p.putAll(store.freshDatabase(dir));
        p.putAll(overrides);
        ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext();
        return new TestHookline(ctx, dir);
    }

    static JsonObject parse(String body) {
        if (body == null || body.isEmpty()) {
            return new JsonObject(Map.of());
        }
        return JsonFields.object(body);
    }

    static String str(JsonObject o, String field) {
        return JsonFields.str(o, field);
    }

    static JsonValue get(JsonObject o, String field) {
        return JsonFields.get(o, field);
    }

    static void await(String what, Duration max, BooleanSupplier condition) {
        dev.hookline.bootstrap.testing.Await.until(what, max, condition);
    }

    @Override
    public void close() {
        context.close();
    }
}
