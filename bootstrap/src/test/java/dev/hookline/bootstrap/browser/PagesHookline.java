package dev.hookline.bootstrap.browser;

import com.sun.net.httpserver.HttpServer;
import dev.hookline.application.port.in.CreateAccountUseCase;
import dev.hookline.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.hookline.application.port.in.CreateAccountUseCase.CreatedAccount;
import dev.hookline.application.port.in.PublishEventUseCase;
import dev.hookline.application.port.in.PublishEventUseCase.PublishEventCommand;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonParse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Hookline in-process for the page tests: the real server on a random port with a fresh H2 file
 * under {@code target/}, the dispatcher and Quartz jobs, a short retry schedule, loopback
 * receivers allowed; plus a scriptable receiver and helpers that act through the use cases.
 */
final class PagesHookline implements AutoCloseable {

    static final String OPERATOR_EMAIL = "ops@hookline.test";
    static final String OPERATOR_PASSWORD = "operator-password-1";

    final ApplicationContext context;
    final String baseUrl;
    final Receiver receiver;

    private PagesHookline(ApplicationContext context, Receiver receiver) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        this.receiver = receiver;
    }

    static PagesHookline start() throws IOException {
        Path dir = Path.of("target", "test-data", "pages-" + UUID.randomUUID());
        Files.createDirectories(dir);
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("hookline.data-dir", dir.toString());
        p.put("datasources.default.url", "jdbc:h2:file:" + dir.toAbsolutePath() + "/hookline;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        p.put("hookline.operator-key", "hk_op_pages_test_key");
        p.put("hookline.admin.email", OPERATOR_EMAIL);
        p.put("hookline.admin.password", OPERATOR_PASSWORD);
        p.put("hookline.endpoints.allow-insecure-urls", true);
        p.put("hookline.endpoints.allowed-private-networks", "127.0.0.0/8");
        p.put("hookline.delivery.retry-schedule", "200ms");
        p.put("hookline.delivery.retry-jitter", 0);
        p.put("hookline.delivery.timeout", "2s");
        p.put("hookline.delivery.lease", "5s");
        p.put("hookline.scheduling.sweep-interval", "100ms");
        p.put("hookline.scheduling.maintenance-interval", "500ms");
        p.put("hookline.security.bcrypt-cost", 4);
        p.put("hookline.api.rate-limit", 0);
        Receiver receiver = new Receiver();
        ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext();
        return new PagesHookline(ctx, receiver);
    }

    /** A merchant account with a web user; returns {account id, e-mail, password}. */
    String[] merchant(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString()
                .substring(0, 8) + "@shop.test";
        String password = "password-" + UUID.randomUUID();
        CreatedAccount created = context.getBean(CreateAccountUseCase.class)
                .create(new CreateAccountCommand(name, email, password)).orElseThrow();
        return new String[] {created.account().id().value(), email, password};
    }

    /** Publishes through the use case, as the platform's services do in-process. */
    void publish(String accountId, String type, String data) {
        JsonParse parsed = Json.parse(data);
        context.getBean(PublishEventUseCase.class).publish(new PublishEventCommand(accountId, type,
                ((JsonParse.Parsed) parsed).value(), null, null, null)).orElseThrow();
    }

    static void await(String what, Duration max, BooleanSupplier condition) {
        dev.hookline.bootstrap.testing.Await.until(what, max, condition);
    }

    @Override
    public void close() {
        context.close();
        receiver.close();
    }

    /** A webhook receiver on loopback that answers each path with a scripted status and body. */
    static final class Receiver implements AutoCloseable {

        record Answer(int status, String body) {
        }

        private final HttpServer server;
        private final Map<String, Answer> answers = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                String path = exchange.getRequestURI().getPath();
                hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                Answer answer = answers.getOrDefault(path, new Answer(200, "{\"received\":true}"));
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Receiver", "pages-test");
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void answer(String path, int status, String body) {
            answers.put(path, new Answer(status, body));
        }

        int hits(String path) {
            AtomicInteger n = hits.get(path);
            return n == null ? 0 : n.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
