package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static dev.hookline.bootstrap.e2e.TestHookline.get;
import static dev.hookline.bootstrap.e2e.TestHookline.parse;
import static dev.hookline.bootstrap.e2e.TestHookline.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.event.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Text the stores treat differently: PostgreSQL cannot keep a NUL character in a text column (H2
 * can), so the API answers the same on both. On H2 here, on PostgreSQL in
 * {@link TextInputEndToEndPostgresqlTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextInputEndToEndTest {

    private static final String NUL = "\\u0000";

    private TestHookline hookline;
    private TestReceiver receiver;

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

    private void refusedNaming(String field, String method, String path, String key, String json) {
        HttpResponse<String> answer = hookline.call(method, path, key, json);
        assertEquals(400, answer.statusCode(), () -> method + " " + path + " " + json + " answered " + answer.body());
        JsonObject error = (JsonObject) get(parse(answer.body()), "error");
        assertEquals(field, str(error, "field"), answer::body);
        assertTrue(str(error, "message").contains("NUL"), answer::body);
    }

    @Test
    void aNulInANameOrDescriptionIsA400NamingTheFieldNeverA500() {
        String op = TestHookline.OPERATOR_KEY;
        String[] acc = hookline.newAccount("Text");
        String wh = hookline.newWebhook(acc[1], receiver.url("/text"), "[\"*\"]")[0];
        refusedNaming("name", "POST", "/v1/accounts", op, "{\"name\":\"a" + NUL + "b\"}");
        refusedNaming("owner_email", "POST", "/v1/accounts", op,
                "{\"name\":\"x\",\"owner_email\":\"a" + NUL + "@b.example\",\"owner_password\":\"long-password-1\"}");
        refusedNaming("description", "POST", "/v1/event-types", op,
                "{\"name\":\"text.one\",\"category\":\"T\",\"description\":\"d" + NUL + "x\",\"sample\":{}}");
        refusedNaming("category", "POST", "/v1/event-types", op,
                "{\"name\":\"text.two\",\"category\":\"T" + NUL + "x\",\"description\":\"d\",\"sample\":{}}");
        refusedNaming("description", "POST", "/v1/webhooks", acc[1], "{\"url\":\"" + receiver.url("/text2")
                + "\",\"events\":[\"*\"],\"description\":\"d" + NUL + "x\"}");
        refusedNaming("description", "PATCH", "/v1/webhooks/" + wh, acc[1], "{\"description\":\"d" + NUL + "x\"}");
        refusedNaming("name", "POST", "/v1/api-keys", acc[1], "{\"name\":\"k" + NUL + "x\"}");
        refusedNaming("webhook_id", "POST", "/v1/webhooks/test", acc[1],
                "{\"webhook_id\":\"" + wh + NUL + "\",\"event_type\":\"payment.succeeded\"}");
    }

    @Test
    void aNulInsideAnEventsDataIsKeptAndDeliveredAsSent() {
        String[] acc = hookline.newAccount("Nul data");
        String wh = hookline.newWebhook(acc[1], receiver.url("/nul"), "[\"*\"]")[0];
        String data = "{\"name\":\"a" + NUL + "b\",\"k" + NUL + "\":1}";
        hookline.publish(acc[0], "payment.succeeded", data);
        await("the event was delivered", Duration.ofSeconds(10), () -> !receiver.received("/nul").isEmpty());
        String body = receiver.received("/nul").get(0).body();
        assertTrue(body.contains("\"data\":" + data), body);
        JsonObject list = hookline.ok(200, "GET", "/v1/webhooks/" + wh + "/deliveries", acc[1], null);
        String delivery = str((JsonObject) ((dev.hookline.domain.event.json.JsonArray) get(list, "data"))
                .elements().get(0), "id");
        JsonObject event = (JsonObject) get(hookline.ok(200, "GET", "/v1/deliveries/" + delivery, acc[1], null),
                "event");
        assertEquals(List.of("a\u0000b"), List.of(str((JsonObject) get(event, "data"), "name")));
    }
}
