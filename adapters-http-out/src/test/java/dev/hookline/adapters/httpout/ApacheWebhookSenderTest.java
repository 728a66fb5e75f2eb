package dev.hookline.adapters.httpout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptOutcome.Failure;
import dev.hookline.domain.delivery.AttemptOutcome.Response;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.network.Cidr;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on loopback. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApacheWebhookSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] BIG = new byte[1024 * 1024];

    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static int port;
    private static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    /** Loopback allowed, http allowed: the development setup. */
    private static ApacheWebhookSender sender;
    /** The production rules: no private addresses, https only. */
    private static ApacheWebhookSender strictSender;
    /** Private addresses refused, http allowed (so only the address rule can refuse). */
    private static ApacheWebhookSender loopbackRefusingSender;

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    @BeforeAll
    static void startServerAndClients() throws IOException {
        java.util.Arrays.fill(BIG, (byte) 'x');
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        serverThreads = Executors.newFixedThreadPool(64);
        server.setExecutor(serverThreads);
        server.createContext("/", ApacheWebhookSenderTest::handle);
        server.start();
        port = server.getAddress().getPort();

        sender = new ApacheWebhookSender(new NetworkPolicy(true, List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"))),
                TIMEOUT, 256);
        strictSender = new ApacheWebhookSender(new NetworkPolicy(false, List.of()), TIMEOUT, 16);
        loopbackRefusingSender = new ApacheWebhookSender(new NetworkPolicy(true, List.of()), TIMEOUT, 16);
    }

    @AfterAll
    static void stop() {
        sender.close();
        strictSender.close();
        loopbackRefusingSender.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @BeforeEach
    void forgetRequests() {
        received.clear();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        switch (path) {
            case "/ok" -> {
                exchange.getResponseHeaders().add("X-Receiver", "yes");
                exchange.getResponseHeaders().add("X-Multi", "a");
                exchange.getResponseHeaders().add("X-Multi", "b");
                respond(exchange, 200, "thanks, reçu".getBytes(StandardCharsets.UTF_8));
            }
            case "/error" -> respond(exchange, 500, "boom".getBytes(StandardCharsets.UTF_8));
            case "/moved" -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/ok");
                respond(exchange, 301, new byte[0]);
            }
            case "/gone" -> respond(exchange, 410, "endpoint deleted".getBytes(StandardCharsets.UTF_8));
            case "/busy" -> {
                exchange.getResponseHeaders().add("Retry-After", "120");
                respond(exchange, 429, new byte[0]);
            }
            case "/empty" -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            case "/slow" -> {
                try {
                    Thread.sleep(TIMEOUT.toMillis() * 3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, new byte[0]);
            }
            case "/big" -> respond(exchange, 200, BIG);
            case "/trickle" -> { // a byte every 100 ms: never idle long enough for a socket timeout
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 30; i++) {
                        out.write('.');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException closedByClient) {
                    // expected: the client gives up
                }
            }
            case "/endless" -> { // 8 MiB, chunked
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 8; i++) {
                        out.write(BIG);
                    }
                } catch (IOException closedByClient) {
                    // expected: the client stops reading
                }
            }
            default -> respond(exchange, 404, new byte[0]);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static OutboundRequest post(String url, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Hookline/test");
        headers.put("webhook-id", "msg_2hGq8Ab");
        headers.put("webhook-timestamp", "1763892827");
        headers.put("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
        return new OutboundRequest(url, headers, body, TIMEOUT);
    }

    private static OutboundRequest post(String url) {
        return post(url, "{\"type\":\"payment.succeeded\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static AttemptOutcome send(ApacheWebhookSender client, OutboundRequest request) {
        return client.send(request).orTimeout(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS).join();
    }

    private static Response response(AttemptOutcome outcome) {
        return assertInstanceOf(Response.class, outcome, () -> "expected a response, got " + outcome);
    }

    private static Failure failure(AttemptOutcome outcome, ErrorKind kind) {
        Failure failure = assertInstanceOf(Failure.class, outcome, () -> "expected a failure, got " + outcome);
        assertEquals(kind, failure.kind(), failure::toString);
        return failure;
    }

    @Test
    void posts_the_body_and_headers_exactly_as_given_and_returns_the_answer() {
        byte[] body = "{\"data\":{\"name\":\"Zoë\",\"amount\":1250}}".getBytes(StandardCharsets.UTF_8);

        Response answer = response(send(sender, post(url("/ok"), body)));

        assertEquals(200, answer.status());
        assertEquals("thanks, reçu", answer.body());
        assertFalse(answer.bodyTruncated());
        assertEquals("yes", answer.headers().get("x-receiver"));
        assertEquals("a, b", answer.headers().get("x-multi"));
        assertEquals(1, received.size());
        Received request = received.peek();
        assertEquals("POST", request.method());
        assertArrayEquals(body, request.body());
        assertEquals(List.of("application/json"), request.headers().get("Content-type"));
        assertEquals(List.of("Hookline/test"), request.headers().get("User-agent"));
        assertEquals(List.of("msg_2hGq8Ab"), request.headers().get("Webhook-id"));
        assertEquals(List.of("1763892827"), request.headers().get("Webhook-timestamp"));
        assertEquals(List.of("v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="), request.headers().get("Webhook-signature"));
        assertEquals(List.of(String.valueOf(body.length)), request.headers().get("Content-length"));
        assertEquals(null, request.headers().get("Cookie"));
    }

    @Test
    void a_server_error_is_a_response_not_a_failure() {
        Response answer = response(send(sender, post(url("/error"))));

        assertEquals(500, answer.status());
        assertEquals("boom", answer.body());
    }

    @Test
    void a_redirect_is_returned_and_not_followed() {
        Response answer = response(send(sender, post(url("/moved"))));

        assertEquals(301, answer.status());
        assertEquals(url("/ok"), answer.headers().get("location"));
        assertEquals(ErrorKind.REDIRECT, answer.errorKind().orElseThrow());
        assertEquals(List.of("/moved"), received.stream().map(Received::path).toList());
    }

    @Test
    void gone_is_returned_with_its_body() {
        Response answer = response(send(sender, post(url("/gone"))));

        assertEquals(410, answer.status());
        assertEquals("endpoint deleted", answer.body());
    }

    @Test
    void too_many_requests_keeps_the_retry_after_header() {
        Response answer = response(send(sender, post(url("/busy"))));

        assertEquals(429, answer.status());
        assertEquals("120", answer.headers().get("retry-after"));
        assertEquals("120", answer.header("Retry-After").orElseThrow());
    }

    @Test
    void a_response_without_a_body_has_an_empty_body() {
        Response answer = response(send(sender, post(url("/empty"))));

        assertEquals(204, answer.status());
        assertEquals("", answer.body());
        assertFalse(answer.bodyTruncated());
    }

    @Test
    void an_endpoint_slower_than_the_timeout_times_out_at_the_deadline() {
        Duration timeout = Duration.ofMillis(500);
        OutboundRequest slow = new OutboundRequest(url("/slow"), post(url("/slow")).headers(), new byte[0], timeout);

        long start = System.nanoTime();
        Failure failure = failure(send(sender, slow), ErrorKind.TIMEOUT);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("no response within 500ms", failure.message());
        assertTrue(tookMillis >= 450 && tookMillis < 1500, "took " + tookMillis + " ms");
    }

    @Test
    void an_endpoint_that_keeps_sending_slowly_is_cut_off_at_the_deadline() {
        Duration timeout = Duration.ofMillis(500);
        OutboundRequest trickle = new OutboundRequest(url("/trickle"), post(url("/trickle")).headers(), new byte[0],
                timeout);

        long start = System.nanoTime();
        failure(send(sender, trickle), ErrorKind.TIMEOUT);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis >= 450 && tookMillis < 1500, "took " + tookMillis + " ms");
    }

    @Test
    void http_client_asks_the_resolver_even_for_ip_literals() throws IOException {
        NetworkPolicy loopbackAllowed = new NetworkPolicy(true, List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        PolicyCheckingDnsResolver checking = new PolicyCheckingDnsResolver(loopbackAllowed);
        org.apache.hc.client5.http.DnsResolver recording = new org.apache.hc.client5.http.DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                asked.add(host);
                return checking.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws java.net.UnknownHostException {
                return checking.resolveCanonicalHostname(host);
            }
        };
        HttpServer ipv6 = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 16);
        ipv6.createContext("/", ApacheWebhookSenderTest::handle);
        ipv6.start();
        try (ApacheWebhookSender client = new ApacheWebhookSender(loopbackAllowed, recording, TIMEOUT, 4)) {
            assertEquals(200, response(send(client, post(url("/ok")))).status());
            assertEquals(200, response(send(client, post("http://[::1]:" + ipv6.getAddress().getPort() + "/ok"))).status());
        } finally {
            ipv6.stop(0);
        }

        assertEquals(List.of("127.0.0.1", "[::1]"), asked);
    }

    @Test
    void a_closed_port_is_a_connect_failure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Failure failure = failure(send(sender, post("http://127.0.0.1:" + closedPort + "/")), ErrorKind.CONNECT);

        assertEquals("connection refused by 127.0.0.1:" + closedPort, failure.message());
    }

    @Test
    void a_loopback_address_refused_by_the_policy_is_blocked_before_anything_is_sent() {
        Failure failure = failure(send(loopbackRefusingSender, post(url("/ok"))), ErrorKind.BLOCKED);

        assertTrue(failure.message().startsWith("127.0.0.1 is "), failure.message());
        assertTrue(received.isEmpty());
    }

    @Test
    void an_ipv6_loopback_literal_goes_through_the_policy_too() {
        failure(send(loopbackRefusingSender, post("http://[::1]:" + port + "/ok")), ErrorKind.BLOCKED);

        assertTrue(received.isEmpty());
    }

    @Test
    void a_name_that_resolves_to_a_refused_address_is_blocked_at_connect_time() {
        Failure failure = failure(send(loopbackRefusingSender, post("http://localhost:" + port + "/ok")),
                ErrorKind.BLOCKED);

        assertTrue(failure.message().startsWith("host localhost: "), failure.message());
        assertTrue(received.isEmpty());
    }

    @Test
    void plain_http_is_blocked_unless_insecure_urls_are_allowed() {
        Failure failure = failure(send(strictSender, post(url("/ok"))), ErrorKind.BLOCKED);

        assertEquals("http:// URLs are not allowed, use https://", failure.message());
        assertTrue(received.isEmpty());
    }

    @Test
    void a_private_address_is_blocked_with_https_too() {
        failure(send(strictSender, post("https://127.0.0.1:" + port + "/ok")), ErrorKind.BLOCKED);
        failure(send(strictSender, post("https://169.254.169.254/latest/meta-data")), ErrorKind.BLOCKED);
        failure(send(strictSender, post("https://10.0.0.1/")), ErrorKind.BLOCKED);

        assertTrue(received.isEmpty());
    }

    @Test
    void a_large_body_is_cut_to_16_KiB_and_marked_truncated() {
        Response answer = response(send(sender, post(url("/big"))));

        assertEquals(200, answer.status());
        assertEquals(AttemptOutcome.MAX_BODY_BYTES, answer.body().length());
        assertTrue(answer.bodyTruncated());
        // the connection is still good for the next attempt
        assertEquals(200, response(send(sender, post(url("/ok")))).status());
    }

    @Test
    void a_body_without_end_is_cut_too_and_does_not_hold_the_attempt() {
        Response answer = response(send(sender, post(url("/endless"))));

        assertEquals(200, answer.status());
        assertEquals(AttemptOutcome.MAX_BODY_BYTES, answer.body().length());
        assertTrue(answer.bodyTruncated());
    }

    @Test
    void an_unresolvable_host_is_a_dns_failure() {
        Failure failure = failure(send(sender, post("https://nonexistent.invalid/")), ErrorKind.DNS);

        assertEquals("host nonexistent.invalid could not be resolved", failure.message());
    }

    @Test
    void https_to_a_server_that_does_not_speak_tls_is_a_tls_failure() throws Exception {
        // the JDK server would wait for a request line that never comes; this one answers in plain text at once
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (var socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test fails on the outcome instead
                }
            });
            answer.start();
            int plainPort = plain.getLocalPort();

            Failure failure = failure(send(sender, post("https://127.0.0.1:" + plainPort + "/")), ErrorKind.TLS);

            assertTrue(failure.message().startsWith("TLS with 127.0.0.1:" + plainPort + " failed: "), failure.message());
            answer.join(1000);
        }
    }

    @Test
    void two_hundred_attempts_in_parallel_all_complete() {
        List<CompletableFuture<AttemptOutcome>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            attempts.add(sender.send(post(url("/ok"))));
        }

        for (CompletableFuture<AttemptOutcome> attempt : attempts) {
            assertEquals(200, response(attempt.orTimeout(10, TimeUnit.SECONDS).join()).status());
        }
        assertEquals(200, received.size());
    }
}
