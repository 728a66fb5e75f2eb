package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.await;
import static dev.hookline.bootstrap.api.ApiServer.ids;
import static dev.hookline.bootstrap.api.ApiServer.objects;
import static dev.hookline.bootstrap.api.ApiServer.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.event.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two accounts: every route called with account B's key on account A's ids answers 404 (never
 * 403, which would reveal that the id exists) and changes nothing of A's.
 */
class TenantIsolationTest {

    private static ApiServer api;

    @BeforeAll
    static void start() throws IOException {
        api = ApiServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anotherAccountsKeyGets404OnEveryRouteAndChangesNothing() {
        String[] a = api.newAccount("Account A");
        String[] b = api.newAccount("Account B");
        String[] aWebhook = api.newWebhook(a[1], "/fail/a", "[\"*\"]");
        String aKeyId = str(api.ok(201, "POST", "/v1/api-keys", a[1], "{\"name\":\"second\"}"), "id");
        api.publish(a[0], "payment.succeeded", "{\"id\":\"pay_a\"}");
        await("A's delivery failed", Duration.ofSeconds(20), () ->
                api.all("/v1/webhooks/" + aWebhook[0] + "/deliveries?status=failed", a[1], 10).size() == 1);
        String aDelivery = str(api.all("/v1/webhooks/" + aWebhook[0] + "/deliveries", a[1], 10).get(0), "id");
        JsonObject webhookBefore = api.ok(200, "GET", "/v1/webhooks/" + aWebhook[0], a[1], null);
        JsonObject deliveryBefore = api.ok(200, "GET", "/v1/deliveries/" + aDelivery, a[1], null);

        String bKey = b[1];
        String wh = "/v1/webhooks/" + aWebhook[0];
        api.error(404, "GET", wh, bKey, null);
        api.error(404, "GET", wh + "/secret", bKey, null);
        api.error(404, "PATCH", wh, bKey, "{\"url\":\"" + api.receiverUrl("/ok/stolen") + "\",\"enabled\":false}");
        api.error(404, "DELETE", wh, bKey, null);
        api.error(404, "POST", wh + "/rotate-secret", bKey, null);
        api.error(404, "GET", wh + "/deliveries", bKey, null);
        api.error(404, "POST", wh + "/recover", bKey, "{\"since\":\"" + Instant.now().minus(1, ChronoUnit.DAYS) + "\"}");
        api.error(404, "POST", "/v1/webhooks/test", bKey,
                "{\"webhook_id\":\"" + aWebhook[0] + "\",\"event_type\":\"payment.succeeded\"}");
        api.error(404, "GET", "/v1/deliveries/" + aDelivery, bKey, null);
        api.error(404, "POST", "/v1/deliveries/" + aDelivery + "/retry", bKey, null);
        api.error(404, "DELETE", "/v1/api-keys/" + aKeyId, bKey, null);
        assertFalse(ids(api.all("/v1/webhooks", bKey, 100)).contains(aWebhook[0]));
        assertFalse(ids(objects(api.ok(200, "GET", "/v1/api-keys", bKey, null), "data")).contains(aKeyId));

        // A sees exactly what it had: same endpoint, same secret, same delivery, its key still works
        JsonObject webhookAfter = api.ok(200, "GET", "/v1/webhooks/" + aWebhook[0], a[1], null);
        for (String field : List.of("url", "status", "updated_at", "description", "events", "enabled")) {
            assertEquals(webhookBefore.get(field), webhookAfter.get(field), field);
        }
        assertEquals(aWebhook[1], str(api.ok(200, "GET", wh + "/secret", a[1], null), "secret"));
        JsonObject deliveryAfter = api.ok(200, "GET", "/v1/deliveries/" + aDelivery, a[1], null);
        assertEquals("failed", str(deliveryAfter, "status"));
        assertEquals(deliveryBefore.get("attempt_log"), deliveryAfter.get("attempt_log"));
        assertEquals(1, api.all(wh + "/deliveries", a[1], 10).size(), "no test event or recovery was added");
        assertTrue(objects(api.ok(200, "GET", "/v1/api-keys", a[1], null), "data").stream()
                .filter(k -> str(k, "id").equals(aKeyId)).allMatch(k -> k.get("revoked_at").orElseThrow()
                        instanceof dev.hookline.domain.event.json.JsonNull));
    }

    @Test
    void anAccountsListsNeverShowAnotherAccountsObjects() {
        String[] a = api.newAccount("Lists A");
        String[] b = api.newAccount("Lists B");
        String aWebhook = api.newWebhook(a[1], "/ok/lists-a", "[\"*\"]")[0];
        String bWebhook = api.newWebhook(b[1], "/ok/lists-b", "[\"*\"]")[0];
        api.publish(a[0], "invoice.paid", "{\"id\":\"in_a\"}");
        assertEquals(List.of(aWebhook), ids(api.all("/v1/webhooks", a[1], 100)));
        assertEquals(List.of(bWebhook), ids(api.all("/v1/webhooks", b[1], 100)));
        assertTrue(api.all("/v1/webhooks/" + bWebhook + "/deliveries", b[1], 100).isEmpty(),
                "A's event went to A's endpoint only");
    }
}
