package dev.hookline.bootstrap.api;

import dev.hookline.bootstrap.testing.JsonFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonString;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole Hookline (server, H2 under {@code target/}, dispatcher) on a random port, plus a
 * loopback receiver answering 200, driven over HTTP like any API client.
 */
final class ApiServer implements AutoCloseable {

    static final String OPERATOR_KEY = "hk_op_api_test_operator_key";

    private final ApplicationContext context;
    private final HttpServer receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String baseUrl;
    final AtomicInteger received = new AtomicInteger();

    private ApiServer(ApplicationContext context, HttpServer receiver) {
        this.context = context;
        this.receiver = receiver;
        this.baseUrl = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
    }

    static ApiServer start() throws IOException {
        return start(Map.of());
    }

    static ApiServer start(Map<String, Object> overrides) throws IOException {
        Path dir = Path.of("target", "test-data", "api-" + UUID.randomUUID());
        Files.createDirectories(dir);
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("hookline.data-dir", dir.toString());
        p.put("datasources.default.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/hookline;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        p.put("hookline.operator-key", OPERATOR_KEY);
        p.put("hookline.admin.password", "operator-password-1");
        p.put("hookline.endpoints.allow-insecure-urls", true);
        p.put("hookline.endpoints.allowed-private-networks", "127.0.0.0/8");
        p.put("hookline.delivery.retry-schedule", "300ms,600ms");
        p.put("hookline.delivery.retry-jitter", 0);
        p.put("hookline.delivery.timeout", "1s");
        p.put("hookline.scheduling.sweep-interval", "100ms");
        p.put("hookline.security.bcrypt-cost", 4);
        p.put("hookline.api.rate-limit", 0);
        p.putAll(overrides);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext();
        ApiServer server = new ApiServer(ctx, receiver);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            server.received.incrementAndGet();
            int status = exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 200;
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
        return server;
    }

    /** A URL on the loopback receiver; paths under {@code /fail} answer 500. */
    String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** The answer to one request: status, body, headers. */
    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        JsonObject json() {
            return parse(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer call(String method, String path, String key, String json, String... headers) {
        return send(method, path, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                json == null ? null : "application/json", headers);
    }

    Answer send(String method, String path, String key, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls and checks the status; returns the JSON body parsed. */
    JsonObject ok(int expectedStatus, String method, String path, String key, String json, String... headers) {
        Answer answer = call(method, path, key, json, headers);
        assertEquals(expectedStatus, answer.status(), () -> method + " " + path + " answered " + answer);
        return answer.body().isEmpty() ? new JsonObject(Map.of()) : answer.json();
    }

    /**
     * Calls and checks the answer is the contract's error body with this status.
     *
     * @return the error's {@code type}, {@code message}, {@code field} object
     */
    JsonObject error(int expectedStatus, String method, String path, String key, String json, String... headers) {
        return assertError(expectedStatus, call(method, path, key, json, headers), method + " " + path);
    }

    static JsonObject assertError(int expectedStatus, Answer answer, String what) {
        assertEquals(expectedStatus, answer.status(), () -> what + " answered " + answer);
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                () -> what + " answered with content type " + answer.headers().firstValue("content-type"));
        JsonObject error = (JsonObject) get(answer.json(), "error");
        assertTrue(error.string("type").isPresent() && error.string("message").isPresent(), () -> what + ": " + answer);
        assertTrue(error.get("field").isPresent(), () -> what + ": no field member in " + answer);
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("\tat "),
                () -> what + " leaks a stack trace: " + answer);
        return error;
    }

    /** A new merchant account; returns {account id, api key}. */
    String[] newAccount(String name) {
        JsonObject created = ok(201, "POST", "/v1/accounts", OPERATOR_KEY, "{\"name\":" + Json.quote(name) + "}");
        return new String[] {str(created, "id"), str(created, "api_key")};
    }

    /** Registers an endpoint on the receiver; returns {webhook id, secret}. */
    String[] newWebhook(String apiKey, String path, String eventsJson) {
        JsonObject created = ok(201, "POST", "/v1/webhooks", apiKey,
                "{\"url\":" + Json.quote(receiverUrl(path)) + ",\"events\":" + eventsJson + "}");
        return new String[] {str(created, "id"), str(created, "secret")};
    }

    JsonObject publish(String accountId, String type, String dataJson, String... headers) {
        return ok(202, "POST", "/v1/events", OPERATOR_KEY,
                "{\"account_id\":\"" + accountId + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}", headers);
    }

    /** Every item of a list route, following next_cursor. */
    List<JsonObject> all(String path, String key, int limit) {
        List<JsonObject> items = new ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonObject page = ok(200, "GET", path + sep + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor), key, null);
            items.addAll(objects(page, "data"));
            cursor = page.string("next_cursor").orElse(null);
        } while (cursor != null);
        return items;
    }

    static List<JsonObject> objects(JsonObject o, String field) {
        return ((JsonArray) get(o, field)).elements().stream().map(JsonObject.class::cast).toList();
    }

    static JsonObject parse(String body) {
        return JsonFields.object(body);
    }

    static String str(JsonObject o, String field) {
        return JsonFields.str(o, field);
    }

    static JsonValue get(JsonObject o, String field) {
        return JsonFields.get(o, field);
    }

    static List<String> ids(List<JsonObject> items) {
        return items.stream().map(o -> ((JsonString) get(o, "id")).value()).toList();
    }

    static void await(String what, Duration max, java.util.function.BooleanSupplier condition) {
        dev.hookline.bootstrap.testing.Await.until(what, max, condition);
    }

    @Override
    public void close() {
        context.close();
        receiver.stop(0);
    }
}
