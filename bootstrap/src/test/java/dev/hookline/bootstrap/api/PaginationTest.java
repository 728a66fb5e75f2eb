package dev.hookline.bootstrap.api;

import static dev.hookline.bootstrap.api.ApiServer.ids;
import static dev.hookline.bootstrap.api.ApiServer.objects;
import static dev.hookline.bootstrap.api.ApiServer.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.event.json.JsonNull;
import dev.hookline.domain.event.json.JsonObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ?limit=} and opaque {@code ?cursor=}: newest first, and paging through while new items
 * are inserted neither repeats nor skips any item that existed when paging began.
 */
class PaginationTest {

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
    void pagingThroughDeliveriesWhileEventsArePublishedSeesEveryEarlierDeliveryOnce() throws Exception {
        String[] acc = api.newAccount("Pages");
        String wh = api.newWebhook(acc[1], "/ok/pages", "[\"*\"]")[0];
        for (int i = 0; i < 45; i++) {
            api.publish(acc[0], "invoice.paid", "{\"n\":" + i + "}");
        }
        List<String> before = ids(api.all("/v1/webhooks/" + wh + "/deliveries", acc[1], 100));
        assertEquals(45, before.size());

        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Integer> publisher = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            while (paging.get() && n < 200) {
                api.publish(acc[0], "invoice.paid", "{\"late\":" + n++ + "}");
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = api.ok(200, "GET", "/v1/webhooks/" + wh + "/deliveries?limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor), acc[1], null);
            List<JsonObject> data = objects(page, "data");
            assertTrue(data.size() <= 7);
            seen.addAll(ids(data));
            cursor = page.string("next_cursor").orElse(null);
            if (cursor != null) {
                assertFalse(cursor.contains("dlv_"), "the cursor is opaque");
            }
            pages++;
            Thread.sleep(15);
        } while (cursor != null);
        paging.set(false);
        int published = publisher.get();

        assertTrue(published > 0, "events were published while paging");
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no delivery appears twice");
        assertTrue(seen.containsAll(before), "every delivery that existed before paging was seen");
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, seen, "newest first");
        assertTrue(pages >= 7);
        // a page that is not the last has a cursor (the loop above ended on one without)
        JsonObject first = api.ok(200, "GET", "/v1/webhooks/" + wh + "/deliveries?limit=10", acc[1], null);
        JsonObject rest = api.ok(200, "GET", "/v1/webhooks/" + wh + "/deliveries?limit=100&cursor="
                + first.string("next_cursor").orElseThrow(), acc[1], null);
        assertTrue(rest.get("next_cursor").orElseThrow() instanceof JsonNull || objects(rest, "data").size() == 100);
    }

    @Test
    void pagingThroughWebhooksWhileWebhooksAreAddedSeesEveryEarlierWebhookOnce() throws Exception {
        String[] acc = api.newAccount("Webhook pages");
        for (int i = 0; i < 23; i++) {
            api.newWebhook(acc[1], "/ok/w" + i, "[\"*\"]");
        }
        List<String> before = ids(api.all("/v1/webhooks", acc[1], 100));
        assertEquals(23, before.size());
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int added = 0;
        do {
            JsonObject page = api.ok(200, "GET", "/v1/webhooks?limit=5" + (cursor == null ? "" : "&cursor=" + cursor),
                    acc[1], null);
            for (String id : ids(objects(page, "data"))) {
                assertTrue(seen.add(id), "seen twice: " + id);
                order.add(id);
            }
            api.newWebhook(acc[1], "/ok/late" + added++, "[\"*\"]");
            cursor = page.string("next_cursor").orElse(null);
        } while (cursor != null);
        assertTrue(seen.containsAll(before));
        assertEquals(before, order, "exactly the earlier webhooks, newest first; later ones go on top");
        assertEquals(23 + added, api.all("/v1/webhooks", acc[1], 100).size());
        assertEquals(str(objects(api.ok(200, "GET", "/v1/webhooks?limit=1", acc[1], null), "data").get(0), "url"),
                api.receiverUrl("/ok/late" + (added - 1)));
    }
}
