package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static dev.hookline.bootstrap.e2e.TestHookline.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import dev.hookline.bootstrap.e2e.TestReceiver.Received;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonArray;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonValue;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The delivery engine end to end: events published through the API reach a real receiver on
 * loopback that verifies every signature; retries, failures and endpoint states as DESIGN.md says.
 * On H2 here, on PostgreSQL in {@link DeliveryEndToEndPostgresqlTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryEndToEndTest {

    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();
    private static TestHookline hookline;
    private static TestReceiver receiver;

    /** The store this run uses. */
    TestHookline.Store store() {
        return TestHookline.Store.H2;
    }

    @BeforeAll
    void start() throws IOException {
        receiver = new TestReceiver();
        hookline = TestHookline.start(store(), Map.of());
    }

    @AfterAll
    void stop() {
        hookline.close();
        receiver.close();
    }

    private static String[] webhook(String key, String path, String events) {
        String[] wh = hookline.newWebhook(key, receiver.url(path), events);
        receiver.secret(path, wh[1]);
        SECRETS.put(path, wh[1]);
        return wh;
    }

    private static JsonObject delivery(String key, String deliveryId) {
        return hookline.ok(200, "GET", "/v1/deliveries/" + deliveryId, key, null);
    }

    private static List<JsonValue> deliveries(String key, String webhookId) {
        return ((JsonArray) TestHookline.get(hookline.ok(200, "GET", "/v1/webhooks/" + webhookId + "/deliveries",
                key, null), "data")).elements();
    }

    private static String onlyDeliveryStatus(String key, String webhookId) {
        List<JsonValue> list = deliveries(key, webhookId);
        return list.isEmpty() ? "none" : str((JsonObject) list.get(0), "status");
    }

    @Test
    void anEventReachesExactlyTheSubscribedEndpointsSignedUnderEverySchemeAndJsonStringifyStable() {
        String[] acc = hookline.newAccount("Filters Ltd");
        webhook(acc[1], "/filters/all", "[\"*\"]");
        webhook(acc[1], "/filters/payments", "[\"payment.*\"]");
        webhook(acc[1], "/filters/invoices", "[\"invoice.paid\"]");
        String data = "{\"id\":\"pay_1\",\"amount\":9900,\"currency\":\"EUR\",\"customer\":{\"name\":\"Zoë \\\"Z\\\" "
                + "Ñúñez 東京\",\"email\":\"zoe@example.com\"},\"note\":\"a\\\\b\\n\",\"items\":[1,2.5,{\"x\":null}]}";
        JsonObject published = hookline.publish(acc[0], "payment.succeeded", data);
        assertEquals(2L, Math.round(((dev.hookline.domain.event.json.JsonNumber) TestHookline.get(published,
                "deliveries")).value()));
        await("both subscribed endpoints got it", Duration.ofSeconds(10),
                () -> receiver.received("/filters/all").size() == 1 && receiver.received("/filters/payments").size() == 1);
        assertEquals(List.of(), receiver.received("/filters/invoices"));
        for (String path : List.of("/filters/all", "/filters/payments")) {
            Received r = receiver.received(path).get(0);
            assertTrue(r.standardSignatureValid(), "Standard Webhooks library verifies " + path);
            assertTrue(r.hmacSignatureValid(), "seed 000's hmac-sha256 check verifies " + path);
            assertEquals(str(published, "id"), r.header("webhook-id"));
            assertEquals("application/json", r.header("content-type"));
            assertTrue(r.header("user-agent").startsWith("Hookline/"));
            JsonValue parsed = ((JsonParse.Parsed) Json.parse(r.body())).value();
            assertEquals(r.body(), parsed.canonical(), "JSON.stringify(JSON.parse(body)) == body");
            assertTrue(r.body().startsWith("{\"id\":\"" + str(published, "id") + "\",\"type\":\"payment.succeeded\","
                    + "\"created_at\":\""), r.body());
            String timestamped = r.header("x-webhook-timestamp-signature");
            String ts = r.header("webhook-timestamp");
            assertEquals("t=" + ts + ",v1=" + hmacHex(secretOf(path), ts + "." + r.body()), timestamped);
        }
    }

    private static String secretOf(String path) {
        return SECRETS.get(path);
    }

    @Test
    void aReceiverAnswering500Then500Then200GetsThreeAttemptsOnTheSchedule() {
        String[] acc = hookline.newAccount("Flaky Ltd");
        String[] wh = webhook(acc[1], "/flaky", "[\"*\"]");
        receiver.sequence("/flaky", 500, 500);
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_1\"}");
        await("third attempt succeeded", Duration.ofSeconds(10),
                () -> "succeeded".equals(onlyDeliveryStatus(acc[1], wh[0])));
        List<Received> got = receiver.received("/flaky");
        assertEquals(3, got.size());
        long gap1 = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
        long gap2 = Duration.between(got.get(1).at(), got.get(2).at()).toMillis();
        assertTrue(gap1 >= 280, "first retry after ~300ms, was " + gap1);
        assertTrue(gap2 >= 580, "second retry after ~600ms, was " + gap2);
        assertEquals(got.get(0).header("webhook-id"), got.get(2).header("webhook-id"), "same id on every retry");
        String deliveryId = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        List<JsonValue> log = ((JsonArray) TestHookline.get(delivery(acc[1], deliveryId), "attempt_log")).elements();
        assertEquals(3, log.size());
        assertEquals(List.of(500L, 500L, 200L), log.stream().map(a -> Math.round(
                ((dev.hookline.domain.event.json.JsonNumber) ((JsonObject) a).get("response_code").orElseThrow())
                        .value())).toList());
        log.forEach(a -> assertNotNull(((JsonObject) a).get("duration_ms").orElse(null)));

        // the webhook's "Last Delivery": the latest attempt and where it left its delivery
        JsonObject webhook = hookline.ok(200, "GET", "/v1/webhooks/" + wh[0], acc[1], null);
        assertEquals("succeeded", str(webhook, "last_delivery_status"));
        assertEquals(100.0, ((dev.hookline.domain.event.json.JsonNumber) TestHookline.get(webhook, "success_rate"))
                .value(), "one delivery finished, and it succeeded (the failed attempts were retried)");
        Instant lastAt = Instant.parse(str(webhook, "last_delivery_at"));
        assertTrue(lastAt.isAfter(got.get(1).at()), lastAt + " is the third attempt's, not an earlier one's");
    }

    @Test
    void aReceiverThatAlwaysFailsEndsFailedAfterTheSchedule() {
        String[] acc = hookline.newAccount("Broken Ltd");
        String[] wh = webhook(acc[1], "/broken", "[\"*\"]");
        receiver.script("/broken", r -> Answer.status(503));
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_2\"}");
        await("delivery failed", Duration.ofSeconds(10), () -> "failed".equals(onlyDeliveryStatus(acc[1], wh[0])));
        assertEquals(3, receiver.received("/broken").size(), "first attempt + 2 retries");
        JsonObject webhook = hookline.ok(200, "GET", "/v1/webhooks/" + wh[0], acc[1], null);
        assertEquals("failed", str(webhook, "last_delivery_status"));
        assertEquals(0.0, successRate(wh[0], acc[1]));

        // the receiver is mended: a delivery retried by hand counts once, by its new outcome (it
        // counted as failed twice, and the rate stayed below 100 %, before)
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_3\"}");
        await("second delivery failed", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .filter(d -> str((JsonObject) d, "status").equals("failed")).count() == 2);
        receiver.script("/broken", r -> Answer.status(200));
        String first = str((JsonObject) deliveries(acc[1], wh[0]).get(1), "id");
        assertEquals(202, hookline.call("POST", "/v1/deliveries/" + first + "/retry", acc[1], null).statusCode());
        await("retried delivery succeeded", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .filter(d -> str((JsonObject) d, "status").equals("succeeded")).count() == 1);
        assertEquals(50.0, successRate(wh[0], acc[1]), "one succeeded, one failed");
        assertEquals(202, hookline.call("POST", "/v1/webhooks/" + wh[0] + "/recover", acc[1],
                "{\"since\":\"" + Instant.now().minusSeconds(3600) + "\"}").statusCode());
        await("recovered delivery succeeded", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .allMatch(d -> str((JsonObject) d, "status").equals("succeeded")));
        assertEquals(100.0, successRate(wh[0], acc[1]), "both succeeded in the end");
    }

    private double successRate(String webhook, String key) {
        return ((dev.hookline.domain.event.json.JsonNumber) TestHookline.get(
                hookline.ok(200, "GET", "/v1/webhooks/" + webhook, key, null), "success_rate")).value();
    }

    @Test
    void aWebhookDeletedWhileItsDeliveryIsInFlightDoesNotStopTheRecordingOfOthers() {
        String[] acc = hookline.newAccount("Deleting Ltd");
        String[] doomed = webhook(acc[1], "/deleted-in-flight", "[\"customer.updated\"]");
        String[] kept = webhook(acc[1], "/kept", "[\"invoice.paid\"]");
        receiver.script("/deleted-in-flight", r -> new Answer(200, Map.of(), "late", Duration.ofMillis(1500)));
        hookline.publish(acc[0], "customer.updated", "{\"id\":\"cus_gone\"}");
        await("the doomed endpoint's request arrived", Duration.ofSeconds(10),
                () -> receiver.received("/deleted-in-flight").size() == 1);
        assertEquals(204, hookline.call("DELETE", "/v1/webhooks/" + doomed[0], acc[1], null).statusCode());
        // the answer comes after the delete: its attempt has no delivery (nor endpoint) left to record
        // against; the other endpoint's events are published once it has been recorded (or failed to be)
        Instant answered = receiver.received("/deleted-in-flight").get(0).at().plusMillis(1500);
        await("the doomed endpoint answered", Duration.ofSeconds(10), () -> Instant.now().isAfter(answered.plusMillis(500)));
        for (int i = 0; i < 3; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_kept_" + i + "\"}");
        }
        await("the other endpoint's deliveries are recorded", Duration.ofSeconds(15), () -> deliveries(acc[1], kept[0])
                .stream().filter(d -> str((JsonObject) d, "status").equals("succeeded")).count() == 3);
        assertEquals(3, receiver.received("/kept").size(), "each sent once (none sent again after a lost record)");
        assertEquals(404, hookline.call("GET", "/v1/webhooks/" + doomed[0], acc[1], null).statusCode());
    }

    @Test
    void aDeletedWebhookIsGoneAtOnceAndItsHistoryIsDeletedInTheBackground() throws Exception {
        String[] acc = hookline.newAccount("Tidy Ltd");
        String[] wh = webhook(acc[1], "/tidy", "[\"*\"]");
        for (int i = 0; i < 3; i++) {
            hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_tidy_" + i + "\"}");
        }
        await("all 3 delivered", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .filter(d -> str((JsonObject) d, "status").equals("succeeded")).count() == 3);
        String delivery = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        assertEquals(204, hookline.call("DELETE", "/v1/webhooks/" + wh[0], acc[1], null).statusCode());
        assertEquals(404, hookline.call("GET", "/v1/webhooks/" + wh[0], acc[1], null).statusCode());
        assertEquals(404, hookline.call("GET", "/v1/deliveries/" + delivery, acc[1], null).statusCode());
        assertEquals(404, hookline.call("DELETE", "/v1/webhooks/" + wh[0], acc[1], null).statusCode());
        assertEquals(0L, Math.round(((dev.hookline.domain.event.json.JsonNumber) TestHookline.get(
                hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_after\"}"), "deliveries")).value()));
        String url = hookline.context.getRequiredProperty("datasources.default.url", String.class);
        String user = hookline.context.getProperty("datasources.default.username", String.class).orElse("");
        String password = hookline.context.getProperty("datasources.default.password", String.class).orElse("");
        await("its deliveries, attempts and row deleted by the housekeeping job", Duration.ofSeconds(10), () -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, password);
                 java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM deliveries WHERE endpoint_id = '"
                         + wh[0] + "') + (SELECT COUNT(*) FROM endpoints WHERE id = '" + wh[0] + "')")) {
                rs.next();
                return rs.getLong(1) == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, receiver.received("/tidy").size());
    }

    @Test
    void aHangingEndpointDoesNotSlowDeliveriesToAHealthyOne() {
        String[] acc = hookline.newAccount("Mixed Ltd");
        String[] slow = webhook(acc[1], "/hangs", "[\"*\"]");
        webhook(acc[1], "/healthy", "[\"*\"]");
        receiver.script("/hangs", r -> new Answer(200, Map.of(), "late", Duration.ofSeconds(3)));
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            hookline.publish(acc[0], "customer.created", "{\"id\":\"cus_" + i + "\"}");
        }
        await("healthy endpoint got all 20", Duration.ofSeconds(10), () -> receiver.received("/healthy").size() == 20);
        long healthyMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(healthyMillis < 2_500, "healthy deliveries took " + healthyMillis + " ms while the other hangs");
        await("hanging endpoint timed out", Duration.ofSeconds(10), () -> deliveries(acc[1], slow[0]).stream()
                .anyMatch(d -> !str((JsonObject) d, "status").equals("sending")));
    }

    @Test
    void tooManyRequestsWithRetryAfterIsRetriedNoSoonerThanAsked() {
        String[] acc = hookline.newAccount("Busy Ltd");
        String[] wh = webhook(acc[1], "/busy", "[\"*\"]");
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        receiver.script("/busy", r -> n.getAndIncrement() == 0
                ? new Answer(429, Map.of("Retry-After", "1"), "slow down", Duration.ZERO) : Answer.ok());
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_3\"}");
        await("delivered after Retry-After", Duration.ofSeconds(10),
                () -> "succeeded".equals(onlyDeliveryStatus(acc[1], wh[0])));
        List<Received> got = receiver.received("/busy");
        // schedule says 300ms, Retry-After says 1s: clamped to [300ms, 600ms], so 600ms
        long gap = Duration.between(got.get(0).at(), got.get(1).at()).toMillis();
        assertTrue(gap >= 580, "waited " + gap + " ms");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        String[] acc = hookline.newAccount("Moved Ltd");
        String[] wh = webhook(acc[1], "/moved", "[\"*\"]");
        receiver.script("/moved", r -> new Answer(301, Map.of("Location", receiver.url("/elsewhere")), "", Duration.ZERO));
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_4\"}");
        await("redirect delivery failed", Duration.ofSeconds(10),
                () -> "failed".equals(onlyDeliveryStatus(acc[1], wh[0])));
        assertEquals(List.of(), receiver.received("/elsewhere"));
        String id = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        JsonObject attempt = (JsonObject) ((JsonArray) TestHookline.get(delivery(acc[1], id), "attempt_log"))
                .elements().get(0);
        assertEquals("redirect", str(attempt, "error_kind"));
    }

    @Test
    void goneDisablesTheEndpointWithTheReasonAndHoldsTheRest() {
        String[] acc = hookline.newAccount("Gone Ltd");
        String[] wh = webhook(acc[1], "/gone", "[\"*\"]");
        receiver.script("/gone", r -> Answer.status(410));
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_5\"}");
        await("endpoint disabled", Duration.ofSeconds(10), () -> "disabled".equals(str(
                hookline.ok(200, "GET", "/v1/webhooks/" + wh[0], acc[1], null), "status")));
        JsonObject endpoint = hookline.ok(200, "GET", "/v1/webhooks/" + wh[0], acc[1], null);
        assertTrue(str(endpoint, "disabled_reason").contains("410"), endpoint.canonical());
        assertEquals("held", onlyDeliveryStatus(acc[1], wh[0]), "waits with the endpoint (it failed for good before)");
        assertEquals(1, receiver.received("/gone").size(), "410 is not retried while disabled");

        // the receiver is back and the merchant re-enables the endpoint: the event is delivered
        receiver.script("/gone", r -> Answer.ok());
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("delivered after re-enabling", Duration.ofSeconds(10),
                () -> "succeeded".equals(onlyDeliveryStatus(acc[1], wh[0])));
        assertEquals(2, receiver.received("/gone").size());
    }

    @Test
    void aRefusedConnectionIsRetriedAndLoggedAsAConnectError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String[] acc = hookline.newAccount("Offline Ltd");
        String[] wh = hookline.newWebhook(acc[1], "http://127.0.0.1:" + closedPort + "/hook", "[\"*\"]");
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_6\"}");
        await("failed after retries", Duration.ofSeconds(10), () -> "failed".equals(onlyDeliveryStatus(acc[1], wh[0])));
        String id = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        List<JsonValue> log = ((JsonArray) TestHookline.get(delivery(acc[1], id), "attempt_log")).elements();
        assertEquals(3, log.size());
        assertEquals("connect", str((JsonObject) log.get(0), "error_kind"));
    }

    @Test
    void aDisabledEndpointQueuesEventsAndDeliversThemAllWhenEnabledAgain() {
        String[] acc = hookline.newAccount("Paused Ltd");
        String[] wh = webhook(acc[1], "/paused", "[\"*\"]");
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        for (int i = 0; i < 3; i++) {
            hookline.publish(acc[0], "payment.succeeded", "{\"id\":\"pay_q" + i + "\"}");
        }
        JsonObject disabled = hookline.ok(200, "GET", "/v1/webhooks/" + wh[0], acc[1], null);
        assertEquals("disabled", str(disabled, "status"));
        assertEquals(3L, Math.round(((dev.hookline.domain.event.json.JsonNumber)
                TestHookline.get(disabled, "queued_while_disabled")).value()));
        JsonObject listed = (JsonObject) ((JsonArray) TestHookline.get(hookline.ok(200, "GET", "/v1/webhooks", acc[1], null),
                "data")).elements().get(0);
        assertEquals(3L, Math.round(((dev.hookline.domain.event.json.JsonNumber)
                TestHookline.get(listed, "queued_while_disabled")).value()), "the list says the same");
        sleep(800);
        assertEquals(List.of(), receiver.received("/paused"), "nothing is sent while disabled");
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("all 3 delivered", Duration.ofSeconds(10), () -> receiver.received("/paused").size() == 3);
        assertTrue(receiver.received("/paused").stream().allMatch(Received::standardSignatureValid));
    }

    @Test
    void timesReadBackAsTheWriteAnsweredThem() {
        String[] acc = hookline.newAccount("Clockwork Ltd");
        JsonObject created = hookline.ok(201, "POST", "/v1/webhooks", acc[1],
                "{\"url\":" + Json.quote(receiver.url("/clock")) + ",\"events\":[\"*\"]}");
        JsonObject read = hookline.ok(200, "GET", "/v1/webhooks/" + str(created, "id"), acc[1], null);
        assertEquals(str(created, "created_at"), str(read, "created_at"));
        assertEquals(str(created, "updated_at"), str(read, "updated_at"));
    }

    @Test
    void disablingHoldsTheRetryingDeliveriesSoNoneIsSentUntilEnabledAgain() {
        String[] acc = hookline.newAccount("Flaky Ltd");
        String[] wh = webhook(acc[1], "/flaky", "[\"*\"]");
        receiver.script("/flaky", r -> Answer.status(500));
        for (int i = 0; i < 3; i++) {
            hookline.publish(acc[0], "payment.succeeded", "{\"id\":\"pay_f" + i + "\"}");
        }
        await("all 3 retrying", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).size() == 3
                && deliveries(acc[1], wh[0]).stream().allMatch(d -> "retrying".equals(str((JsonObject) d, "status"))));
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        // held by the housekeeping job (or by the dispatcher, if their retry came first), not retried
        await("all 3 held", Duration.ofSeconds(10),
                () -> deliveries(acc[1], wh[0]).stream().allMatch(d -> "held".equals(str((JsonObject) d, "status"))));
        int sent = receiver.received("/flaky").size();
        sleep(1_200); // longer than both retry delays of the test schedule
        assertEquals(sent, receiver.received("/flaky").size(), "nothing is sent while disabled");
        receiver.script("/flaky", r -> Answer.ok());
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("all 3 succeeded", Duration.ofSeconds(10),
                () -> deliveries(acc[1], wh[0]).stream().allMatch(d -> "succeeded".equals(str((JsonObject) d, "status"))));
    }

    @Test
    void anEndpointEnabledWithOverAThousandHeldDeliveriesGetsEveryOneExactlyOnce() {
        String[] acc = hookline.newAccount("Long Pause Ltd");
        String[] wh = webhook(acc[1], "/long-pause", "[\"*\"]");
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":false}");
        int held = 1_150; // claimed from the hold over many claims (each at most the batch size)
        for (int i = 0; i < held; i++) {
            hookline.publish(acc[0], "payment.succeeded", "{\"id\":\"pay_l" + i + "\"}");
        }
        hookline.ok(200, "PATCH", "/v1/webhooks/" + wh[0], acc[1], "{\"enabled\":true}");
        await("all " + held + " delivered", Duration.ofSeconds(60), () -> receiver.received("/long-pause").size() >= held);
        sleep(500);
        List<Received> received = receiver.received("/long-pause");
        assertEquals(held, received.size());
        assertEquals(held, received.stream().map(r -> r.header("webhook-id")).distinct().count(), "none twice");
        assertTrue(received.stream().allMatch(Received::standardSignatureValid));
    }

    @Test
    void aFailedDeliveryCanBeRetriedByHandAndTheAttemptIsLoggedAsManual() {
        String[] acc = hookline.newAccount("Retry Ltd");
        String[] wh = webhook(acc[1], "/retry-by-hand", "[\"*\"]");
        receiver.sequence("/retry-by-hand", 500, 500, 500);
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_7\"}");
        await("failed", Duration.ofSeconds(10), () -> "failed".equals(onlyDeliveryStatus(acc[1], wh[0])));
        String id = str((JsonObject) deliveries(acc[1], wh[0]).get(0), "id");
        hookline.ok(202, "POST", "/v1/deliveries/" + id + "/retry", acc[1], null);
        await("manual retry delivered", Duration.ofSeconds(10),
                () -> "succeeded".equals(onlyDeliveryStatus(acc[1], wh[0])));
        List<JsonValue> log = ((JsonArray) TestHookline.get(delivery(acc[1], id), "attempt_log")).elements();
        assertEquals("manual", str((JsonObject) log.get(log.size() - 1), "trigger"));
        assertEquals(409, hookline.call("POST", "/v1/deliveries/" + id + "/retry", acc[1], null).statusCode(),
                "a succeeded delivery is not retried");
    }

    @Test
    void recoverResendsEveryFailedDeliverySinceTheGivenTime() {
        String[] acc = hookline.newAccount("Recover Ltd");
        String[] wh = webhook(acc[1], "/recover", "[\"*\"]");
        receiver.sequence("/recover", 500, 500, 500, 500, 500, 500);
        String since = java.time.Instant.now().minusSeconds(5).toString();
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_8\"}");
        hookline.publish(acc[0], "invoice.paid", "{\"id\":\"inv_9\"}");
        await("both failed", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .allMatch(d -> str((JsonObject) d, "status").equals("failed")) && deliveries(acc[1], wh[0]).size() == 2);
        JsonObject count = hookline.ok(202, "POST", "/v1/webhooks/" + wh[0] + "/recover", acc[1],
                "{\"since\":\"" + since + "\"}");
        assertEquals(2L, Math.round(((dev.hookline.domain.event.json.JsonNumber) TestHookline.get(count, "count")).value()));
        await("both recovered", Duration.ofSeconds(10), () -> deliveries(acc[1], wh[0]).stream()
                .allMatch(d -> str((JsonObject) d, "status").equals("succeeded")));
    }

    @Test
    void aTestEventIsSentAtOnceAndAnsweredWithTheAttempt() {
        String[] acc = hookline.newAccount("Test Ltd");
        String[] wh = webhook(acc[1], "/test-event", "[\"payment.*\"]");
        JsonObject result = hookline.ok(200, "POST", "/v1/webhooks/test", acc[1],
                "{\"webhook_id\":\"" + wh[0] + "\",\"event_type\":\"subscription.created\"}");
        assertEquals("succeeded", str(result, "status"));
        assertEquals(200L, Math.round(((dev.hookline.domain.event.json.JsonNumber)
                TestHookline.get(result, "response_code")).value()));
        assertEquals("{\"ok\":true}", str(result, "response_body"));
        Received r = receiver.received("/test-event").get(0);
        assertTrue(r.standardSignatureValid());
        assertTrue(r.body().endsWith(",\"test\":true}"), r.body());
        assertFalse(r.body().contains("\"data\":{}"), "the type's sample is sent");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
