package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static dev.hookline.bootstrap.e2e.TestHookline.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding, end to end: a host name that resolved to an allowed address when the endpoint
 * was saved, and to a private one when Hookline connects, is refused at connect time.
 *
 * <p>Runs in its own JVM (the {@code connect-time-address-check} surefire execution) whose name
 * service reads {@code jdk.net.hosts.file} on every lookup with no cache, so the test can change
 * what the name resolves to between saving the endpoint and delivering to it.
 */
class ConnectTimeAddressCheckTest {

    private static final String HOST = "rebind.hookline.test";
    private static Path hosts;
    private static TestHookline hookline;
    private static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        String file = System.getProperty("jdk.net.hosts.file");
        // -Dtest=... also selects this class in the default execution, which has no hosts file
        assumeTrue(file != null, "runs in the connect-time-address-check surefire execution");
        hosts = Path.of(file);
        resolve(HOST, "127.0.0.1");
        receiver = new TestReceiver();
        hookline = TestHookline.start();
    }

    @AfterAll
    static void stop() {
        if (hookline != null) {
            hookline.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static void resolve(String host, String address) throws IOException {
        Files.createDirectories(hosts.toAbsolutePath().getParent());
        Files.writeString(hosts, "127.0.0.1 localhost\n" + address + " " + host + "\n");
    }

    @Test
    void aNameThatRebindsToAPrivateAddressIsBlockedWhenConnecting() throws IOException {
        String[] acc = hookline.newAccount("Rebinding Ltd");
        String url = receiver.url("/rebind").replace("127.0.0.1", HOST);
        assertTrue(url.contains(HOST), url);
        String[] wh = hookline.newWebhook(acc[1], url, "[\"*\"]");

        resolve(HOST, "10.20.30.40");
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_rebind\"}");

        await("the delivery fails", Duration.ofSeconds(15), () -> {
            List<JsonValue> list = deliveries(acc[1], wh[0]);
            return !list.isEmpty() && "failed".equals(str((JsonObject) list.get(0), "status"));
        });
        String id = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        List<JsonValue> log = ((JsonArray) TestHookline.get(
                hookline.ok(200, "GET", "/v1/deliveries/" + id, acc[1], null), "attempt_log")).elements();
        JsonObject first = (JsonObject) log.get(0);
        assertEquals("blocked", str(first, "error_kind"), first.canonical());
        assertTrue(first.canonical().contains("10.20.30.40"), first.canonical());
        assertEquals(List.of(), receiver.received("/rebind"), "nothing reached the receiver");
    }

    private static List<JsonValue> deliveries(String key, String webhookId) {
        return ((JsonArray) TestHookline.get(hookline.ok(200, "GET", "/v1/webhooks/" + webhookId + "/deliveries",
                key, null), "data")).elements();
    }
}
