package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.OPERATOR_KEY;
import static dev.hookline.bootstrap.api.ApiServer.assertError;
import static dev.hookline.bootstrap.api.ApiServer.await;
import static dev.hookline.bootstrap.api.ApiServer.get;
import static dev.hookline.bootstrap.api.ApiServer.ids;
import static dev.hookline.bootstrap.api.ApiServer.objects;
import static dev.hookline.bootstrap.api.ApiServer.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.bootstrap.api.ApiServer.Answer;
import dev.hookline.domain.event.json.JsonBoolean;
import dev.hookline.domain.event.json.JsonNull;
import dev.hookline.domain.event.json.JsonNumber;
import dev.hookline.domain.event.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of DESIGN.md "REST API v1" over HTTP: its success answer and its error answers,
 * each in the contract's error body {@code {"error":{"type","message","field"}}}.
 */
class ApiContractTest {

    private static ApiServer api;
    private static String account;
    private static String key;

    @BeforeAll
    static void start() throws IOException {
        api = ApiServer.start();
        String[] acc = api.newAccount("Contract Ltd");
        account = acc[0];
        key = acc[1];
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    // ---- authentication and authorisation ----

    @Test
    void everyV1RouteWantsAValidKey() {
        for (String[] route : ROUTES) {
            JsonObject missing = api.error(401, route[0], route[1], null, route[2]);
            assertEquals("authentication_required", str(missing, "type"));
            JsonObject wrong = api.error(401, route[0], route[1], "hk_live_not_a_key", route[2]);
            assertEquals("authentication_required", str(wrong, "type"));
        }
        Answer basic = api.send("GET", "/v1/webhooks", null, null, null, "Authorization", "Basic Zm9vOmJhcg==");
        assertError(401, basic, "Basic auth");
        assertEquals("Bearer", basic.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void operatorRoutesRefuseAMerchantKeyWith403AndMerchantRoutesRefuseTheOperatorKey() {
        assertEquals("forbidden", str(api.error(403, "POST", "/v1/accounts", key, "{\"name\":\"x\"}"), "type"));
        api.error(403, "POST", "/v1/events", key,
                "{\"account_id\":\"" + account + "\",\"type\":\"payment.succeeded\",\"data\":{}}");
        api.error(403, "POST", "/v1/event-types", key, "{\"name\":\"a.b\"}");
        api.error(403, "GET", "/v1/webhooks", OPERATOR_KEY, null);
        api.error(403, "POST", "/v1/webhooks", OPERATOR_KEY, "{\"url\":\"https://example.com\",\"events\":[\"*\"]}");
        api.error(403, "GET", "/v1/deliveries/dlv_01KB0000000000000000000000", OPERATOR_KEY, null);
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorShape() {
        JsonObject noRoute = api.error(404, "GET", "/v1/nothing-here", key, null);
        assertEquals("not_found", str(noRoute, "type"));
        assertTrue(str(noRoute, "message").contains("GET /v1/nothing-here"), noRoute::canonical);
        api.error(404, "GET", "/nothing-here", null, null);
        JsonObject wrongMethod = api.error(405, "DELETE", "/v1/events", OPERATOR_KEY, null);
        assertEquals("method_not_allowed", str(wrongMethod, "type"));
        api.error(405, "PUT", "/v1/webhooks", key, "{}");
    }

    // ---- POST /v1/accounts ----

    @Test
    void createsAnAccountWhoseKeyWorksAndWhoseOwnerCanBeCreatedOnce() {
        JsonObject created = api.ok(201, "POST", "/v1/accounts", OPERATOR_KEY,
                "{\"name\":\"Owner Co\",\"owner_email\":\"owner@owner.example\",\"owner_password\":\"long-password-1\"}");
        assertTrue(str(created, "id").startsWith("acc_"));
        assertEquals("Owner Co", str(created, "name"));
        String newKey = str(created, "api_key");
        assertTrue(newKey.startsWith("hk_live_"));
        api.ok(200, "GET", "/v1/webhooks", newKey, null);
        JsonObject again = api.error(409, "POST", "/v1/accounts", OPERATOR_KEY,
                "{\"name\":\"Again\",\"owner_email\":\"OWNER@owner.example\",\"owner_password\":\"long-password-1\"}");
        assertEquals("owner_email", str(again, "field"));
    }

    @Test
    void refusesBadAccountsNamingTheField() {
        assertEquals("name", str(api.error(400, "POST", "/v1/accounts", OPERATOR_KEY, "{}"), "field"));
        assertEquals("name", str(api.error(400, "POST", "/v1/accounts", OPERATOR_KEY, "{\"name\":5}"), "field"));
        assertEquals("nmae", str(api.error(400, "POST", "/v1/accounts", OPERATOR_KEY,
                "{\"name\":\"x\",\"nmae\":\"typo\"}"), "field"));
        assertEquals("owner_email", str(api.error(400, "POST", "/v1/accounts", OPERATOR_KEY,
                "{\"name\":\"x\",\"owner_email\":\"not-an-email\",\"owner_password\":\"long-password-1\"}"), "field"));
        assertEquals("invalid_request", str(api.error(400, "POST", "/v1/accounts", OPERATOR_KEY, "{\"name\":"), "type"));
        api.error(400, "POST", "/v1/accounts", OPERATOR_KEY, null);
        api.error(400, "POST", "/v1/accounts", OPERATOR_KEY, "[\"name\"]");
    }

    @Test
    void aBodyThatIsNotJsonIsA415NamingContentType() {
        Answer form = api.send("POST", "/v1/accounts", OPERATOR_KEY, "name=x".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        JsonObject error = assertError(415, form, "form body");
        assertEquals("Content-Type", str(error, "field"));
        assertError(415, api.send("POST", "/v1/webhooks", key, "{}".getBytes(StandardCharsets.UTF_8), "text/plain"),
                "text/plain body");
    }

    @Test
    void aBodyWithoutContentTypeIsA415TooButNoBodyNeedsNone() {
        Answer account = api.send("POST", "/v1/accounts", OPERATOR_KEY,
                "{\"name\":\"No header\"}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals("Content-Type", str(assertError(415, account, "account without Content-Type"), "field"));
        Answer event = api.send("POST", "/v1/events", OPERATOR_KEY, ("{\"account_id\":\"" + account
                + "\",\"type\":\"payment.succeeded\",\"data\":{}}").getBytes(StandardCharsets.UTF_8), null);
        assertEquals("Content-Type", str(assertError(415, event, "event without Content-Type"), "field"));
        String wh = api.newWebhook(key, "/ok/bare", "[\"*\"]")[0];
        Answer rotated = api.send("POST", "/v1/webhooks/" + wh + "/rotate-secret", key, null, null);
        assertEquals(200, rotated.status(), rotated::toString);
    }

    @Test
    void aBodyThatIsNotUtf8IsA400AndNothingIsPublished() {
        String[] acc = api.newAccount("Latin-1");
        String wh = api.newWebhook(acc[1], "/ok/latin1", "[\"*\"]")[0];
        byte[] latin1 = ("{\"account_id\":\"" + acc[0] + "\",\"type\":\"payment.succeeded\",\"data\":{\"name\":\"caf"
                + "\u00e9\"}}").getBytes(StandardCharsets.ISO_8859_1);
        JsonObject error = assertError(400, api.send("POST", "/v1/events", OPERATOR_KEY, latin1, "application/json"),
                "event with byte 0xE9");
        assertTrue(str(error, "message").contains("not valid UTF-8"), error::canonical);
        assertEquals(0, api.all("/v1/webhooks/" + wh + "/deliveries", acc[1], 100).size());
        // the same text in UTF-8 is published
        api.ok(202, "POST", "/v1/events", OPERATOR_KEY, new String(latin1, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aDuplicatedNameInABodyIsA400NamingItAtAnyDepth() {
        JsonObject top = api.error(400, "POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\"" + account
                + "\",\"type\":\"payment.succeeded\",\"type\":\"invoice.paid\",\"data\":{}}");
        assertEquals("type", str(top, "field"));
        assertTrue(str(top, "message").contains("duplicate member name \"type\""), top::canonical);
        assertEquals("data.customer.id", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\""
                + account + "\",\"type\":\"payment.succeeded\",\"data\":{\"customer\":{\"id\":1,\"id\":2}}}"),
                "field"));
        assertEquals("url", str(api.error(400, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://a.example/\",\"url\":\"https://b.example/\",\"events\":[\"*\"]}"), "field"));
    }

    // ---- POST /v1/events ----

    @Test
    void publishesAnEventToEverySubscribedWebhook() {
        String[] acc = api.newAccount("Publisher");
        api.newWebhook(acc[1], "/ok/pub1", "[\"payment.*\"]");
        api.newWebhook(acc[1], "/ok/pub2", "[\"invoice.paid\"]");
        JsonObject published = api.ok(202, "POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\"" + acc[0]
                + "\",\"type\":\"payment.succeeded\",\"data\":{\"id\":\"pay_1\",\"amount\":9900},"
                + "\"previous_data\":{\"amount\":100},\"entities\":{\"customer\":\"cus_1\"}}");
        assertTrue(str(published, "id").startsWith("evt_"));
        assertEquals("payment.succeeded", str(published, "type"));
        assertTrue(str(published, "created_at").endsWith("Z"));
        assertEquals(1.0, ((JsonNumber) get(published, "deliveries")).value());
        assertEquals(new JsonBoolean(false), get(published, "replayed"));
    }

    @Test
    void refusesBadEventsWithTheRightStatusAndField() {
        String base = "{\"account_id\":\"" + account + "\",";
        JsonObject unknownType = api.error(422, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":\"payment.exploded\",\"data\":{}}");
        assertEquals("type", str(unknownType, "field"));
        assertEquals("unprocessable", str(unknownType, "type"));
        assertEquals("account_id", str(api.error(422, "POST", "/v1/events", OPERATOR_KEY,
                "{\"account_id\":\"acc_01KB0000000000000000000000\",\"type\":\"payment.succeeded\",\"data\":{}}"), "field"));
        assertEquals("data", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":\"payment.succeeded\"}"), "field"));
        assertEquals("data", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":\"payment.succeeded\",\"data\":[1]}"), "field"));
        assertEquals("type", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":7,\"data\":{}}"), "field"));
        assertEquals("entities", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":\"payment.succeeded\",\"data\":{},\"entities\":\"cus_1\"}"), "field"));
        assertEquals("Idempotency-Key", str(api.error(400, "POST", "/v1/events", OPERATOR_KEY,
                base + "\"type\":\"payment.succeeded\",\"data\":{}}", "Idempotency-Key", "k".repeat(300)), "field"));
    }

    @Test
    void anEventOverTheMaximumPayloadIsA413WithOrWithoutContentLength() {
        String big = "{\"account_id\":\"" + account + "\",\"type\":\"payment.succeeded\",\"data\":{\"blob\":\""
                + "x".repeat(300 * 1024) + "\"}}";
        assertEquals("payload_too_large",
                str(api.error(413, "POST", "/v1/events", OPERATOR_KEY, big), "type"));
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(api.baseUrl + "/v1/events"))
                .header("Authorization", "Bearer " + OPERATOR_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        assertError(413, api.send(chunked), "chunked 300 KiB event");
        // far over the server's own request limit: still the contract's 413, not Micronaut's body
        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        HttpRequest hugeChunked = HttpRequest.newBuilder(URI.create(api.baseUrl + "/v1/events"))
                .header("Authorization", "Bearer " + OPERATOR_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        assertError(413, api.send(hugeChunked), "chunked 5 MiB body");
        assertError(413, api.send("POST", "/v1/events", OPERATOR_KEY, huge, "application/json"), "5 MiB body");
        // just under the limit is fine
        String fits = "{\"account_id\":\"" + account + "\",\"type\":\"payment.succeeded\",\"data\":{\"blob\":\""
                + "x".repeat(200 * 1024) + "\"}}";
        api.ok(202, "POST", "/v1/events", OPERATOR_KEY, fits);
    }

    /** DESIGN.md: the retry schedule is configurable globally; an endpoint may override it. */
    @Test
    void anEndpointMayHaveItsOwnRetrySchedule() {
        String[] acc = api.newAccount("Own schedule");
        JsonObject created = api.ok(201, "POST", "/v1/webhooks", acc[1], "{\"url\":\"" + api.receiverUrl("/fail/own")
                + "\",\"events\":[\"*\"],\"retry_schedule\":\"1s\"}");
        String id = str(created, "id");
        assertEquals("1s", str(created, "retry_schedule"));
        api.ok(202, "POST", "/v1/events", OPERATOR_KEY, "{\"account_id\":\"" + acc[0]
                + "\",\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_own\"}}");
        await("the delivery failed after its own schedule", Duration.ofSeconds(20), () ->
                api.all("/v1/webhooks/" + id + "/deliveries?status=failed", acc[1], 10).size() == 1);
        String failed = str(api.all("/v1/webhooks/" + id + "/deliveries?status=failed", acc[1], 10).get(0), "id");
        assertEquals(2, objects(api.ok(200, "GET", "/v1/deliveries/" + failed, acc[1], null), "attempt_log").size(),
                "one retry, 1 s later (the deployment's schedule here has two)");

        for (String bad : List.of("2x", "500ms", "8d", "1s,,2s", "99999999999999999999d", "9223372036854775807d")) {
            JsonObject refused = api.error(400, "PATCH", "/v1/webhooks/" + id, acc[1],
                    "{\"retry_schedule\":\"" + bad + "\"}");
            assertEquals("retry_schedule", str(refused, "field"), bad);
        }
        assertEquals("1s", str(api.ok(200, "GET", "/v1/webhooks/" + id, acc[1], null), "retry_schedule"));
        assertEquals("30s,5m,1h", str(api.ok(200, "PATCH", "/v1/webhooks/" + id, acc[1],
                "{\"retry_schedule\":\"30s,5m,1h\"}"), "retry_schedule"));
        assertEquals("", str(api.ok(200, "PATCH", "/v1/webhooks/" + id, acc[1], "{\"retry_schedule\":\"\"}"),
                "retry_schedule"), "no retries");
        assertEquals(JsonNull.INSTANCE, get(api.ok(200, "PATCH", "/v1/webhooks/" + id, acc[1],
                "{\"retry_schedule\":null}"), "retry_schedule"), "the deployment's schedule again");
    }

    @Test
    void replayingAnIdempotencyKeyReturnsTheSameEventAndCreatesNoDeliveries() {
        String[] acc = api.newAccount("Idempotent");
        String[] wh = api.newWebhook(acc[1], "/ok/idem", "[\"*\"]");
        String body = "{\"account_id\":\"" + acc[0] + "\",\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_1\"}}";
        JsonObject first = api.ok(202, "POST", "/v1/events", OPERATOR_KEY, body, "Idempotency-Key", "in_1-paid");
        JsonObject again = api.ok(202, "POST", "/v1/events", OPERATOR_KEY, body, "Idempotency-Key", "in_1-paid");
        assertEquals(str(first, "id"), str(again, "id"));
        assertEquals(new JsonBoolean(true), get(again, "replayed"));
        assertEquals(1.0, ((JsonNumber) get(first, "deliveries")).value());
        assertEquals(1.0, ((JsonNumber) get(again, "deliveries")).value(), "the first answer's count");
        assertEquals(1, api.all("/v1/webhooks/" + wh[0] + "/deliveries", acc[1], 100).size());
        // the same key for another payload is a client bug: 409, and still nothing new
        JsonObject conflict = api.error(409, "POST", "/v1/events", OPERATOR_KEY,
                body.replace("in_1", "in_2"), "Idempotency-Key", "in_1-paid");
        assertEquals("Idempotency-Key", str(conflict, "field"));
        assertEquals(1, api.all("/v1/webhooks/" + wh[0] + "/deliveries", acc[1], 100).size());
        // keys are per account: another account may use the same key
        String[] other = api.newAccount("Idempotent too");
        JsonObject elsewhere = api.ok(202, "POST", "/v1/events", OPERATOR_KEY,
                body.replace(acc[0], other[0]), "Idempotency-Key", "in_1-paid");
        assertNotEquals(str(first, "id"), str(elsewhere, "id"));
    }

    // ---- event types ----

    @Test
    void listsAndAddsEventTypes() {
        List<String> names = objects(api.ok(200, "GET", "/v1/event-types", key, null), "data").stream()
                .map(o -> str(o, "name")).toList();
        assertTrue(names.containsAll(List.of("payment.succeeded", "invoice.paid", "chargeback.lost")), names::toString);
        JsonObject added = api.ok(201, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"refund.created\","
                + "\"category\":\"Refunds\",\"description\":\"A refund was created\",\"sample\":{\"id\":\"re_1\"}}");
        assertEquals("refund.created", str(added, "name"));
        assertEquals("re_1", str((JsonObject) get(added, "sample"), "id"));
        api.ok(201, "POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/refunds")
                + "\",\"events\":[\"refund.*\"]}");
        assertEquals("name", str(api.error(409, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"refund.created\","
                + "\"category\":\"Refunds\",\"description\":\"again\",\"sample\":{}}"), "field"));
        JsonObject noSample = api.error(400, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"refund.updated\","
                + "\"category\":\"Refunds\",\"description\":\"d\"}");
        assertEquals("sample", str(noSample, "field"));
        assertEquals("sample", str(api.error(400, "POST", "/v1/event-types", OPERATOR_KEY,
                "{\"name\":\"refund.updated\",\"category\":\"Refunds\",\"description\":\"d\",\"sample\":null}"),
                "field"));
        JsonObject tooLong = api.error(422, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"a."
                + "b".repeat(4998) + "\",\"category\":\"Refunds\",\"description\":\"d\",\"sample\":{}}");
        assertEquals("name", str(tooLong, "field"));
        assertTrue(str(tooLong, "message").contains("too long: at most 100 characters"), tooLong::canonical);
        assertEquals("name", str(api.error(422, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"Refund\","
                + "\"category\":\"Refunds\",\"description\":\"d\",\"sample\":{}}"), "field"));
        assertEquals("sample", str(api.error(400, "POST", "/v1/event-types", OPERATOR_KEY, "{\"name\":\"refund.x\","
                + "\"category\":\"Refunds\",\"description\":\"d\",\"sample\":[]}"), "field"));
    }

    // ---- webhooks ----

    @Test
    void registersReadsChangesRotatesAndDeletesAWebhook() {
        JsonObject created = api.ok(201, "POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/crud")
                + "\",\"events\":[\"payment.*\",\"invoice.paid\"],\"description\":\"Orders <b>\"}");
        String id = str(created, "id");
        assertTrue(id.startsWith("wh_"));
        String secret = str(created, "secret");
        assertTrue(secret.startsWith("whsec_"));
        assertEquals("active", str(created, "status"));

        JsonObject read = api.ok(200, "GET", "/v1/webhooks/" + id, key, null);
        assertEquals("Orders <b>", str(read, "description"));
        assertFalse(read.get("secret").isPresent(), "the secret is not in every read");
        for (String field : List.of("success_rate", "last_delivery_at", "last_delivery_status", "status", "events",
                "enabled", "created_at", "updated_at")) {
            assertTrue(read.get(field).isPresent(), field);
        }
        assertEquals(secret, str(api.ok(200, "GET", "/v1/webhooks/" + id + "/secret", key, null), "secret"));

        JsonObject patched = api.ok(200, "PATCH", "/v1/webhooks/" + id, key,
                "{\"events\":[\"*\"],\"enabled\":false,\"description\":\"all\"}");
        assertEquals("disabled", str(patched, "status"));
        assertEquals("all", str(patched, "description"));
        assertEquals(new JsonBoolean(false), get(patched, "enabled"));
        JsonObject enabled = api.ok(200, "PATCH", "/v1/webhooks/" + id, key, "{\"enabled\":true}");
        assertEquals("active", str(enabled, "status"));
        // a PATCH that changes nothing is not an update
        assertEquals(str(enabled, "updated_at"), str(api.ok(200, "PATCH", "/v1/webhooks/" + id, key, "{}"), "updated_at"));
        assertEquals(str(enabled, "updated_at"), str(api.ok(200, "PATCH", "/v1/webhooks/" + id, key,
                "{\"description\":\"all\",\"events\":[\"*\"],\"enabled\":true}"), "updated_at"));

        JsonObject chosen = api.error(400, "POST", "/v1/webhooks/" + id + "/rotate-secret", key,
                "{\"secret\":\"whsec_x\"}");
        assertEquals("secret", str(chosen, "field"));
        assertEquals(secret, str(api.ok(200, "GET", "/v1/webhooks/" + id + "/secret", key, null), "secret"),
                "a refused rotation rotates nothing");
        api.ok(200, "POST", "/v1/webhooks/" + id + "/rotate-secret", key, "{}");
        JsonObject rotated = api.ok(200, "POST", "/v1/webhooks/" + id + "/rotate-secret", key, null);
        assertNotEquals(secret, str(rotated, "secret"));
        Instant expires = Instant.parse(str(rotated, "previous_secret_expires_at"));
        assertTrue(expires.isAfter(Instant.now().plus(23, ChronoUnit.HOURS)));
        JsonObject revealed = api.ok(200, "GET", "/v1/webhooks/" + id + "/secret", key, null);
        assertEquals(str(rotated, "secret"), str(revealed, "secret"));
        assertEquals(expires, Instant.parse(str(revealed, "previous_secret_expires_at")),
                "reading the secret tells until when the previous one still signs");

        assertTrue(ids(api.all("/v1/webhooks", key, 100)).contains(id));
        assertEquals("x", str(api.error(400, "DELETE", "/v1/webhooks/" + id, key, "{\"x\":1}"), "field"));
        assertTrue(ids(api.all("/v1/webhooks", key, 100)).contains(id), "a refused delete deletes nothing");
        assertEquals(204, api.call("DELETE", "/v1/webhooks/" + id, key, null).status());
        api.error(404, "GET", "/v1/webhooks/" + id, key, null);
        api.error(404, "DELETE", "/v1/webhooks/" + id, key, null);
        assertFalse(ids(api.all("/v1/webhooks", key, 100)).contains(id));
    }

    @Test
    void refusesBadWebhooksWithTheDomainsReason() {
        JsonObject metadata = api.error(422, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://169.254.169.254/latest\",\"events\":[\"*\"]}");
        assertEquals("url", str(metadata, "field"));
        assertEquals("url", str(api.error(422, "POST", "/v1/webhooks", key,
                "{\"url\":\"ftp://example.com/x\",\"events\":[\"*\"]}"), "field"));
        assertEquals("url", str(api.error(422, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://user:pw@example.com/\",\"events\":[\"*\"]}"), "field"));
        assertEquals("url", str(api.error(400, "POST", "/v1/webhooks", key, "{\"events\":[\"*\"]}"), "field"));
        assertEquals("events", str(api.error(422, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://example.com/\",\"events\":[\"payment.exploded\"]}"), "field"));
        assertEquals("events", str(api.error(400, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://example.com/\",\"events\":\"payment.*\"}"), "field"));
        assertEquals("events", str(api.error(400, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://example.com/\"}"), "field"));
        assertEquals("secret", str(api.error(422, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://example.com/\",\"events\":[\"*\"],\"secret\":\"your_webhook_secret\"}"), "field"));
        assertEquals("rate_limit", str(api.error(400, "POST", "/v1/webhooks", key,
                "{\"url\":\"https://example.com/\",\"events\":[\"*\"],\"rate_limit\":1e30}"), "field"));

        String id = str(api.ok(201, "POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/bad")
                + "\",\"events\":[\"*\"]}"), "id");
        assertEquals("url", str(api.error(400, "PATCH", "/v1/webhooks/" + id, key, "{\"url\":\" \"}"), "field"));
        assertEquals("url", str(api.error(422, "PATCH", "/v1/webhooks/" + id, key,
                "{\"url\":\"https://10.1.2.3/\"}"), "field"));
        assertEquals("enabled", str(api.error(400, "PATCH", "/v1/webhooks/" + id, key, "{\"enabled\":\"yes\"}"), "field"));
        assertEquals("evnets", str(api.error(400, "PATCH", "/v1/webhooks/" + id, key, "{\"evnets\":[\"*\"]}"), "field"));
        for (String field : List.of("url", "events", "enabled")) {
            // a client that sends null by mistake is told so, not answered 200 with nothing changed
            assertEquals(field, str(api.error(400, "PATCH", "/v1/webhooks/" + id, key,
                    "{\"description\":\"x\",\"" + field + "\":null}"), "field"));
        }
        JsonObject tooFast = api.error(400, "PATCH", "/v1/webhooks/" + id, key, "{\"rate_limit\":3000000000}");
        assertEquals("rate_limit", str(tooFast, "field"));
        assertTrue(str(tooFast, "message").contains("between 1 and 100000"), tooFast.toString());
        // nothing of that was applied
        JsonObject unchanged = api.ok(200, "GET", "/v1/webhooks/" + id, key, null);
        assertEquals(api.receiverUrl("/ok/bad"), str(unchanged, "url"));
        assertEquals(new JsonBoolean(true), get(unchanged, "enabled"));
        assertEquals("", str(unchanged, "description"));
        // null clears what can be empty
        api.ok(200, "PATCH", "/v1/webhooks/" + id, key, "{\"description\":\"orders\",\"rate_limit\":5}");
        JsonObject cleared = api.ok(200, "PATCH", "/v1/webhooks/" + id, key, "{\"description\":null,\"rate_limit\":null}");
        assertEquals("", str(cleared, "description"));
        assertEquals(JsonNull.INSTANCE, get(cleared, "rate_limit"));
    }

    @Test
    void unknownOrMalformedIdsAre404NeverA500() {
        for (String id : List.of("wh_01KB0000000000000000000000", "nope", "wh_", "dlv_01KB0000000000000000000000",
                "wh_01KB000000000000000000000%27%22", "%00", "wh_" + "Z".repeat(500))) {
            api.error(404, "GET", "/v1/webhooks/" + id, key, null);
            api.error(404, "PATCH", "/v1/webhooks/" + id, key, "{\"description\":\"x\"}");
            api.error(404, "DELETE", "/v1/webhooks/" + id, key, null);
            api.error(404, "POST", "/v1/webhooks/" + id + "/rotate-secret", key, null);
            api.error(404, "GET", "/v1/webhooks/" + id + "/secret", key, null);
            api.error(404, "GET", "/v1/webhooks/" + id + "/deliveries", key, null);
            api.error(404, "POST", "/v1/webhooks/" + id + "/recover", key, "{\"since\":\"2026-01-01T00:00:00Z\"}");
            api.error(404, "GET", "/v1/deliveries/" + id, key, null);
            api.error(404, "POST", "/v1/deliveries/" + id + "/retry", key, null);
            api.error(404, "DELETE", "/v1/api-keys/" + id, key, null);
            api.error(404, "POST", "/v1/webhooks/test", key, "{\"webhook_id\":\"" + id.replace("%", "")
                    + "\",\"event_type\":\"payment.succeeded\"}");
        }
    }

    // ---- lists ----

    @Test
    void badLimitsAndCursorsAre400NamingTheParameter() {
        for (String limit : List.of("abc", "0", "-1", "101", "1000", "1.5", "99999999999")) {
            assertEquals("limit", str(api.error(400, "GET", "/v1/webhooks?limit=" + limit, key, null), "field"));
        }
        String wh = str(api.ok(201, "POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/lim")
                + "\",\"events\":[\"*\"]}"), "id");
        assertEquals("limit", str(api.error(400, "GET", "/v1/webhooks/" + wh + "/deliveries?limit=abc", key, null),
                "field"));
        for (String cursor : List.of("garbage", "wh_01KB0000000000000000000000", "%FF%FE", "YWJj")) {
            assertEquals("cursor", str(api.error(400, "GET", "/v1/webhooks?cursor=" + cursor, key, null), "field"));
            assertEquals("cursor", str(api.error(400, "GET", "/v1/webhooks/" + wh + "/deliveries?cursor=" + cursor,
                    key, null), "field"));
        }
        assertEquals("status", str(api.error(400, "GET", "/v1/webhooks/" + wh + "/deliveries?status=lost", key, null),
                "field"));
        assertEquals("event_type", str(api.error(400, "GET", "/v1/webhooks/" + wh + "/deliveries?event_type=Nope!",
                key, null), "field"));
        api.ok(200, "GET", "/v1/webhooks?limit=100", key, null);
        api.ok(200, "GET", "/v1/webhooks?limit=1", key, null);
        for (String list : List.of("/v1/event-types", "/v1/api-keys")) {
            for (String limit : List.of("abc", "0", "-1", "101", "1.5")) {
                assertEquals("limit", str(api.error(400, "GET", list + "?limit=" + limit, key, null), "field"));
            }
            for (String cursor : List.of("garbage", "%FF%FE", "YWJj", "YzE6d2hfMDFLQjAwMDAwMDAwMDAwMDAwMDAwMDAwMDA")) {
                assertEquals("cursor", str(api.error(400, "GET", list + "?cursor=" + cursor, key, null), "field"));
            }
        }
    }

    @Test
    void eventTypesAndApiKeysArePagedLikeEveryList() {
        List<String> names = api.all("/v1/event-types", key, 100).stream().map(o -> str(o, "name")).toList();
        assertEquals(names.stream().sorted().toList(), names, "by name");
        assertEquals(names, api.all("/v1/event-types", key, 3).stream().map(o -> str(o, "name")).toList());
        JsonObject first = api.ok(200, "GET", "/v1/event-types?limit=2", key, null);
        assertEquals(2, objects(first, "data").size());
        assertTrue(first.string("next_cursor").isPresent(), first::canonical);

        String[] acc = api.newAccount("Paged keys");
        for (int i = 0; i < 4; i++) {
            api.ok(201, "POST", "/v1/api-keys", acc[1], "{\"name\":\"k" + i + "\"}");
        }
        List<String> keys = ids(api.all("/v1/api-keys", acc[1], 2));
        assertEquals(5, keys.size());
        assertEquals(keys.stream().sorted(java.util.Comparator.reverseOrder()).toList(), keys, "newest first");
        assertEquals(keys, ids(objects(api.ok(200, "GET", "/v1/api-keys", acc[1], null), "data")));
    }

    @Test
    void anApiKeysLastUseIsShown() {
        String[] acc = api.newAccount("Used keys");
        String unused = str(api.ok(201, "POST", "/v1/api-keys", acc[1], "{\"name\":\"spare\"}"), "id");
        Instant before = Instant.now().minusSeconds(1);
        api.ok(200, "GET", "/v1/webhooks", acc[1], null);
        java.util.Map<String, JsonObject> byId = new java.util.HashMap<>();
        objects(api.ok(200, "GET", "/v1/api-keys", acc[1], null), "data").forEach(k -> byId.put(str(k, "id"), k));
        assertEquals(2, byId.size());
        assertTrue(byId.get(unused).get("last_used_at").orElseThrow() instanceof JsonNull,
                byId.get(unused)::canonical);
        JsonObject used = byId.values().stream().filter(k -> !str(k, "id").equals(unused)).findFirst().orElseThrow();
        assertFalse(Instant.parse(str(used, "last_used_at")).isBefore(before), used::canonical);
    }

    // ---- test events, deliveries, retries, recovery ----

    @Test
    void sendsATestEventAndAnswersWithTheAttempt() {
        String wh = str(api.ok(201, "POST", "/v1/webhooks", key, "{\"url\":\"" + api.receiverUrl("/ok/test")
                + "\",\"events\":[\"payment.*\"]}"), "id");
        JsonObject result = api.ok(200, "POST", "/v1/webhooks/test", key,
                "{\"webhook_id\":\"" + wh + "\",\"event_type\":\"payment.succeeded\"}");
        assertTrue(str(result, "delivery_id").startsWith("dlv_"));
        assertEquals("succeeded", str(result, "status"));
        assertEquals(200.0, ((JsonNumber) get(result, "response_code")).value());
        assertTrue(get(result, "response_time_ms") instanceof JsonNumber);
        assertEquals("{\"ok\":true}", str(result, "response_body"));
        assertEquals("event_type", str(api.error(422, "POST", "/v1/webhooks/test", key,
                "{\"webhook_id\":\"" + wh + "\",\"event_type\":\"payment.exploded\"}"), "field"));
        assertEquals("webhook_id", str(api.error(400, "POST", "/v1/webhooks/test", key,
                "{\"event_type\":\"payment.succeeded\"}"), "field"));
        assertEquals("webhook_id", str(api.error(404, "POST", "/v1/webhooks/test", key,
                "{\"webhook_id\":\"wh_01KB0000000000000000000000\",\"event_type\":\"payment.succeeded\"}"), "field"));
        assertEquals("event_type", str(api.error(400, "POST", "/v1/webhooks/test", key,
                "{\"webhook_id\":\"" + wh + "\"}"), "field"));
    }

    @Test
    void listsReadsRetriesAndRecoversDeliveries() {
        String[] acc = api.newAccount("Deliveries");
        String failing = api.newWebhook(acc[1], "/fail/always", "[\"*\"]")[0];
        String fine = api.newWebhook(acc[1], "/ok/fine", "[\"invoice.*\"]")[0];
        api.publish(acc[0], "payment.failed", "{\"id\":\"pay_2\"}");
        api.publish(acc[0], "invoice.paid", "{\"id\":\"in_2\"}");
        List<JsonObject> all = api.all("/v1/webhooks/" + failing + "/deliveries", acc[1], 10);
        assertEquals(2, all.size());
        assertEquals("invoice.paid", str(all.get(0), "event_type"), "newest first");
        List<JsonObject> payments = api.all("/v1/webhooks/" + failing + "/deliveries?event_type=payment.failed",
                acc[1], 10);
        assertEquals(1, payments.size());

        await("both deliveries to the failing webhook failed", Duration.ofSeconds(20), () ->
                api.all("/v1/webhooks/" + failing + "/deliveries?status=failed", acc[1], 10).size() == 2);
        String failed = str(api.all("/v1/webhooks/" + failing + "/deliveries?status=failed", acc[1], 10).get(0), "id");
        JsonObject detail = api.ok(200, "GET", "/v1/deliveries/" + failed, acc[1], null);
        assertEquals("failed", str(detail, "status"));
        assertEquals(failing, str(detail, "webhook_id"));
        assertEquals(3, objects(detail, "attempt_log").size(), "first attempt and two retries");
        assertEquals(500.0, ((JsonNumber) get(objects(detail, "attempt_log").get(0), "response_code")).value());
        assertTrue(str(detail, "request_body").startsWith("{\"id\":\"evt_"));
        assertTrue(get(detail, "event") instanceof JsonObject);
        JsonObject listed = api.all("/v1/webhooks/" + failing + "/deliveries?status=failed", acc[1], 10).get(0);
        for (String field : listed.members().keySet()) {
            // the detail tells everything the list does, in the same form
            assertEquals(get(listed, field), get(detail, field), field);
        }

        assertEquals("x", str(api.error(400, "POST", "/v1/deliveries/" + failed + "/retry", acc[1], "{\"x\":1}"),
                "field"));
        assertEquals(3, objects(api.ok(200, "GET", "/v1/deliveries/" + failed, acc[1], null), "attempt_log").size(),
                "a refused retry sends nothing");
        JsonObject retried = api.ok(202, "POST", "/v1/deliveries/" + failed + "/retry", acc[1], "{}");
        assertEquals(failed, str(retried, "id"));
        assertEquals("manual", str(retried, "trigger"));
        await("the manual attempt was made", Duration.ofSeconds(10), () -> objects(api.ok(200, "GET",
                "/v1/deliveries/" + failed, acc[1], null), "attempt_log").size() == 4);

        String succeeded = str(api.all("/v1/webhooks/" + fine + "/deliveries", acc[1], 10).get(0), "id");
        await("the invoice was delivered", Duration.ofSeconds(10), () -> "succeeded".equals(str(api.ok(200, "GET",
                "/v1/deliveries/" + succeeded, acc[1], null), "status")));
        assertEquals("conflict", str(api.error(409, "POST", "/v1/deliveries/" + succeeded + "/retry", acc[1], null),
                "type"));

        await("the manual retry failed again", Duration.ofSeconds(10), () ->
                api.all("/v1/webhooks/" + failing + "/deliveries?status=failed", acc[1], 10).size() == 2);
        JsonObject recovered = api.ok(202, "POST", "/v1/webhooks/" + failing + "/recover", acc[1],
                "{\"since\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\"}");
        assertEquals(2.0, ((JsonNumber) get(recovered, "count")).value());
        assertEquals("since", str(api.error(400, "POST", "/v1/webhooks/" + failing + "/recover", acc[1],
                "{\"since\":\"yesterday\"}"), "field"));
        assertEquals("since", str(api.error(400, "POST", "/v1/webhooks/" + failing + "/recover", acc[1],
                "{\"since\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}"), "field"));
        assertEquals("since", str(api.error(400, "POST", "/v1/webhooks/" + failing + "/recover", acc[1], "{}"),
                "field"));
    }

    // ---- API keys (not in DESIGN.md; the pages use the same use case) ----

    @Test
    void createsListsAndRevokesApiKeys() {
        String[] acc = api.newAccount("Keys");
        JsonObject created = api.ok(201, "POST", "/v1/api-keys", acc[1], "{\"name\":\"backend\"}");
        String second = str(created, "key");
        String secondId = str(created, "id");
        api.ok(200, "GET", "/v1/webhooks", second, null);
        List<JsonObject> keys = objects(api.ok(200, "GET", "/v1/api-keys", acc[1], null), "data");
        assertEquals(2, keys.size());
        assertTrue(keys.stream().noneMatch(k -> k.get("key").filter(v -> !(v instanceof JsonNull)).isPresent()),
                "a listed key never shows its secret");
        assertEquals(204, api.call("DELETE", "/v1/api-keys/" + secondId, acc[1], null).status());
        api.error(401, "GET", "/v1/webhooks", second, null);
        assertEquals("nmae", str(api.error(400, "POST", "/v1/api-keys", acc[1], "{\"nmae\":\"x\"}"), "field"));
    }

    /** method, path, body: one call per route of DESIGN.md (ids need not exist). */
    static final String[][] ROUTES = {
        {"POST", "/v1/accounts", "{\"name\":\"x\"}"},
        {"POST", "/v1/events", "{}"},
        {"POST", "/v1/event-types", "{}"},
        {"GET", "/v1/event-types", null},
        {"POST", "/v1/webhooks", "{}"},
        {"GET", "/v1/webhooks", null},
        {"GET", "/v1/webhooks/wh_01KB0000000000000000000000", null},
        {"PATCH", "/v1/webhooks/wh_01KB0000000000000000000000", "{}"},
        {"DELETE", "/v1/webhooks/wh_01KB0000000000000000000000", null},
        {"POST", "/v1/webhooks/wh_01KB0000000000000000000000/rotate-secret", null},
        {"POST", "/v1/webhooks/test", "{}"},
        {"GET", "/v1/webhooks/wh_01KB0000000000000000000000/deliveries", null},
        {"GET", "/v1/deliveries/dlv_01KB0000000000000000000000", null},
        {"POST", "/v1/deliveries/dlv_01KB0000000000000000000000/retry", null},
        {"POST", "/v1/webhooks/wh_01KB0000000000000000000000/recover", "{}"},
        {"GET", "/v1/api-keys", null},
        {"GET", "/v1/nothing-here", null},
    };
}
