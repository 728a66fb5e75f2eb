package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import dev.hookline.bootstrap.e2e.TestReceiver.Received;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonNumber;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonString;
import dev.hookline.domain.event.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Hookline process killed with {@code kill -9} mid-flight loses nothing: after a restart on the
 * same database every published event is delivered (at least once), duplicates only for what was
 * in flight.
 */
class CrashSafetyTest {

    @Test
    void aNodeKilledMidFlightLosesNothingAndOnlyInFlightDeliveriesAreRepeated() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.script("/crash", r -> new Answer(200, Map.of(), "ok", Duration.ofMillis(100)));
            Path dataDir = TestHookline.newDataDir();
            int port = freePort();
            Process first = startChild(dataDir, port);
            String accountId;
            String apiKey;
            String[] webhookId = new String[1];
            List<String> published = new ArrayList<>();
            try {
                waitUntilUp(port);
                ApiClient client = new ApiClient("http://127.0.0.1:" + port);
                String[] acc = client.newAccount("Crash Ltd");
                accountId = acc[0];
                apiKey = acc[1];
                String[] wh = client.newWebhook(apiKey, receiver.url("/crash"), "[\"*\"]");
                webhookId[0] = wh[0];
                receiver.secret("/crash", wh[1]);
                for (int i = 0; i < 300; i++) {
                    published.add(TestHookline.str(client.publish(accountId, "payment.succeeded",
                            "{\"id\":\"pay_" + i + "\"}"), "id"));
                }
                await("deliveries are under way", Duration.ofSeconds(20),
                        () -> receiver.received("/crash").size() > 20);
            } finally {
                first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, nothing flushed
            }
            int beforeRestart = distinct(receiver.received("/crash")).size();
            assertTrue(beforeRestart < published.size(), "the kill came mid-flight (" + beforeRestart + " delivered)");
            Process second = startChild(dataDir, port);
            Map<String, Integer> recordedAttempts = new HashMap<>();
            try {
                waitUntilUp(port);
                await("every event delivered after the restart", Duration.ofSeconds(60),
                        () -> distinct(receiver.received("/crash")).containsAll(published));
                ApiClient client = new ApiClient("http://127.0.0.1:" + port);
                await("every delivery recorded as succeeded", Duration.ofSeconds(30), () -> {
                    recordedAttempts.clear();
                    return deliveries(client, apiKey, webhookId[0], recordedAttempts) == published.size();
                });
            } finally {
                second.destroy();
                second.waitFor();
            }
            List<Received> all = receiver.received("/crash");
            assertTrue(all.stream().allMatch(Received::standardSignatureValid));
            assertEquals(Set.copyOf(published), distinct(all));
            // At least once: a delivery is sent again only when its earlier send was never recorded
            // (in flight, or answered but not yet committed, when the process died). A recorded
            // success is never repeated: every event's database log holds exactly one attempt, so
            // each send the receiver saw beyond the first is one the dead process had not recorded.
            Map<String, Long> sends = all.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"),
                    Collectors.counting()));
            assertTrue(recordedAttempts.values().stream().allMatch(n -> n == 1),
                    "each delivery succeeded at its one recorded attempt: " + recordedAttempts);
            long duplicates = all.size() - distinct(all).size();
            // bounded by what one process can have unrecorded: 4 in flight plus the recorder's batch
            assertTrue(duplicates <= 4 + 100, "duplicates " + duplicates + " (sends per event " + sends.values() + ")");
        }
    }

    /** Counts succeeded deliveries of the webhook and records each one's attempt count by event id. */
    private static int deliveries(ApiClient client, String key, String webhookId, Map<String, Integer> attempts) {
        int succeeded = 0;
        String cursor = null;
        do {
            JsonObject page = client.ok(200, "GET", "/v1/webhooks/" + webhookId + "/deliveries?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), key, null);
            for (JsonValue v : ((JsonArray) TestHookline.get(page, "data")).elements()) {
                JsonObject d = (JsonObject) v;
                if ("succeeded".equals(TestHookline.str(d, "status"))) {
                    succeeded++;
                }
                attempts.put(TestHookline.str(d, "event_id"),
                        (int) ((JsonNumber) TestHookline.get(d, "attempts")).value());
            }
            JsonValue next = TestHookline.get(page, "next_cursor");
            cursor = next instanceof JsonString text ? text.value() : null;
        } while (cursor != null);
        return succeeded;
    }

    private static Set<String> distinct(List<Received> received) {
        return received.stream().map(r -> r.header("webhook-id")).collect(Collectors.toCollection(HashSet::new));
    }

    private static Process startChild(Path dataDir, int port) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        TestHookline.defaults(dataDir).forEach((k, v) -> {
            if (!k.equals("micronaut.server.port")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.add("-Dmicronaut.server.port=" + port);
        // a few at a time, so the kill surely comes while most deliveries are still due or in flight
        cmd.add("-Dhookline.delivery.max-in-flight-per-endpoint=4");
        // no timeouts on a loaded machine (a timed-out attempt is retried, which is no crash duplicate),
        // and a lease well past the timeout, so only the kill makes a send unrecorded
        cmd.add("-Dhookline.delivery.timeout=5s");
        cmd.add("-Dhookline.delivery.lease=10s");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.hookline.bootstrap.Hookline");
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File(dataDir.toFile(), "node-" + System.nanoTime() + ".log")).start();
    }

    private static void waitUntilUp(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await("the child node answers", Duration.ofSeconds(60), () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/event-types")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 401;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
