package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import dev.hookline.bootstrap.e2e.TestReceiver.Received;
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
            receiver.script("/crash", r -> new Answer(200, Map.of(), "ok", Duration.ofMillis(20)));
            Path dataDir = TestHookline.newDataDir();
            int port = freePort();
            Process first = startChild(dataDir, port);
            String accountId;
            String apiKey;
            List<String> published = new ArrayList<>();
            try {
                waitUntilUp(port);
                ApiClient client = new ApiClient("http://127.0.0.1:" + port);
                String[] acc = client.newAccount("Crash Ltd");
                accountId = acc[0];
                apiKey = acc[1];
                String[] wh = client.newWebhook(apiKey, receiver.url("/crash"), "[\"*\"]");
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
            try {
                waitUntilUp(port);
                await("every event delivered after the restart", Duration.ofSeconds(60),
                        () -> distinct(receiver.received("/crash")).containsAll(published));
            } finally {
                second.destroy();
                second.waitFor();
            }
            List<Received> all = receiver.received("/crash");
            assertTrue(all.stream().allMatch(Received::standardSignatureValid));
            int duplicates = all.size() - distinct(all).size();
            assertTrue(duplicates <= 512, "duplicates only for what was in flight: " + duplicates);
            assertEquals(Set.copyOf(published), distinct(all));
        }
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
