package dev.hookline.bootstrap.e2e;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on loopback, as a merchant would write one: every request is checked
 * with the Standard Webhooks library (and the hmac-sha256 header like seed 000's code) against
 * the secret registered for its path; what it answers is scripted per path.
 */
final class TestReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String path, Map<String, List<String>> headers, String body, Instant at,
                    boolean standardSignatureValid, boolean hmacSignatureValid) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {
        static Answer ok() {
            return new Answer(200, Map.of(), "{\"ok\":true}", Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(32);
    private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Function<Received, Answer>> scripts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secrets whose signatures are accepted on {@code path} (add the new one on rotation). */
    void secret(String path, String secret) {
        secrets.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(secret);
    }

    void script(String path, Function<Received, Answer> answer) {
        scripts.put(path, answer);
    }

    /** Answers the given statuses in order, then 200 for ever. */
    void sequence(String path, int... statuses) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        script(path, r -> {
            int i = n.getAndIncrement();
            return i < statuses.length ? Answer.status(statuses[i]) : Answer.ok();
        });
    }

    List<Received> received(String path) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        List<String> keys = secrets.getOrDefault(path, List.of());
        boolean standard = false;
        boolean hmac = false;
        for (String secret : keys) {
            try {
                new Webhook(secret).verify(body, headers);
                standard = true;
            } catch (Exception ignored) {
                // not this secret
            }
            String header = headers.containsKey("x-webhook-signature") ? headers.get("x-webhook-signature").get(0) : "";
            hmac |= header.equals("sha256=" + hmacHex(secret, body));
        }
        Received r = new Received(path, headers, body, Instant.now(), standard, hmac);
        received.add(r);
        Answer answer = scripts.getOrDefault(path, x -> Answer.ok()).apply(r);
        try {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout test)
        } finally {
            exchange.close();
        }
    }

    /** Seed 000's verification: hex HMAC-SHA256 of the body with the UTF-8 bytes of the whole secret. */
    static String hmacHex(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
