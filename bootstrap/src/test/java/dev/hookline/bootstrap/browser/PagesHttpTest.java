package dev.hookline.bootstrap.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.adapters.web.pages.PageViewsFilter;
import dev.hookline.application.port.in.EndpointQueries;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.RegisterEndpointUseCase;
import dev.hookline.application.port.in.RegisterEndpointUseCase.RegisterEndpointCommand;
import dev.hookline.domain.id.AccountId;
import io.micronaut.http.annotation.Filter;
import io.micronaut.views.ViewsFilter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages at HTTP level: sessions, CSRF, account isolation, roles, escaping. */
class PagesHttpTest {

    private static PagesHookline hookline;

    @BeforeAll
    static void start() throws IOException {
        hookline = PagesHookline.start();
    }

    @AfterAll
    static void stop() {
        hookline.close();
    }

    private WebClient signedIn(String[] merchant) {
        WebClient client = new WebClient(hookline.baseUrl);
        HttpResponse<String> login = client.login(merchant[1], merchant[2]);
        assertEquals(303, login.statusCode(), login.body());
        return client;
    }

    private String endpointOf(String accountId, String url, String description) {
        return hookline.context.getBean(RegisterEndpointUseCase.class).register(new AccountId(accountId),
                new RegisterEndpointCommand(url, List.of("*"), description, null, null)).orElseThrow().id().value();
    }

    @Test
    void loggedOutVisitorsAreSentToTheLoginPage() {
        WebClient anonymous = new WebClient(hookline.baseUrl);
        for (String path : List.of("/settings/webhooks", "/settings/api-keys", "/admin", "/settings/webhooks/new")) {
            HttpResponse<String> r = anonymous.get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.headers().firstValue("location").orElseThrow().startsWith("/login?next="), path);
        }
        HttpResponse<String> root = anonymous.get("/");
        assertEquals("/login", root.headers().firstValue("location").orElseThrow());
        HttpResponse<String> login = anonymous.get("/login");
        assertEquals(200, login.statusCode());
        assertEquals("DENY", login.headers().firstValue("x-frame-options").orElseThrow());
        assertEquals("nosniff", login.headers().firstValue("x-content-type-options").orElseThrow());
    }

    @Test
    void everyPageNamesAnIconThatIsServed() {
        WebClient anonymous = new WebClient(hookline.baseUrl);
        String link = "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">";
        assertTrue(anonymous.get("/login").body().contains(link), "the layout");
        HttpResponse<String> expired = anonymous.post("/login", Map.of("email", "a@b.test", "password", "x"));
        assertEquals(403, expired.statusCode());
        assertTrue(expired.body().contains(link), "the session filter's own pages: " + expired.body());
        HttpResponse<String> icon = anonymous.get("/assets/favicon.svg");
        assertEquals(200, icon.statusCode());
        assertTrue(icon.headers().firstValue("content-type").orElseThrow().startsWith("image/svg+xml"),
                icon.headers().toString());
        assertTrue(icon.body().startsWith("<svg"));
        HttpResponse<String> ico = anonymous.get("/favicon.ico");
        assertEquals(308, ico.statusCode(), "asked for by browsers where no page names an icon");
        assertEquals("/assets/favicon.svg", ico.headers().firstValue("location").orElseThrow());
    }

    @Test
    void loginSetsAnHttpOnlySameSiteSessionCookieAndLogoutClearsIt() {
        String[] m = hookline.merchant("Cookie Shop");
        WebClient client = new WebClient(hookline.baseUrl);
        String token = WebClient.csrf(client.get("/login").body());
        HttpResponse<String> wrong = client.post("/login", Map.of("_csrf", token, "email", m[1], "password", "nope-nope-nope"));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("do not match"));
        assertFalse(client.cookies.containsKey("hookline_session"));

        HttpResponse<String> ok = client.post("/login", Map.of("_csrf", token, "email", m[1].toUpperCase(),
                "password", m[2]));
        assertEquals(303, ok.statusCode());
        assertEquals("/settings/webhooks", ok.headers().firstValue("location").orElseThrow());
        String cookie = ok.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("hookline_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(cookie.toLowerCase().contains("secure"), "plain http on loopback: " + cookie);
        assertEquals(200, client.get("/settings/webhooks").statusCode());

        WebClient behindTls = new WebClient(hookline.baseUrl);
        String tlsToken = WebClient.csrf(behindTls.get("/login").body());
        HttpResponse<String> viaProxy = behindTls.post("/login", Map.of("_csrf", tlsToken, "email", m[1],
                "password", m[2]), Map.of("X-Forwarded-Proto", "https"));
        assertTrue(viaProxy.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("hookline_session="))
                .allMatch(c -> c.toLowerCase().contains("; secure")), "Secure behind a TLS proxy");

        String csrf = WebClient.csrf(client.get("/settings/webhooks").body());
        String copied = client.cookies.get("hookline_session");
        assertEquals(303, client.post("/logout", Map.of("_csrf", csrf)).statusCode());
        assertFalse(client.cookies.containsKey("hookline_session"));
        assertEquals(303, client.get("/settings/webhooks").statusCode());

        // a copy of the signed-out cookie (another tab, or stolen) is refused too; other sessions stay
        WebClient copy = new WebClient(hookline.baseUrl);
        copy.cookies.put("hookline_session", copied);
        assertEquals(303, copy.get("/settings/webhooks").statusCode(), "signed out for good");
        assertEquals(200, behindTls.get("/settings/webhooks").statusCode(), "another session of the same user");
    }

    @Test
    void aTamperedSessionCookieIsNotASession() {
        String[] m = hookline.merchant("Tamper Shop");
        WebClient client = signedIn(m);
        String value = client.cookies.get("hookline_session");
        client.cookies.put("hookline_session", value.substring(0, value.length() - 2) + "AA");
        assertEquals(303, client.get("/settings/webhooks").statusCode());
    }

    @Test
    void everyStateChangeWithoutTheSessionsCsrfTokenIsRefused() {
        String[] m = hookline.merchant("Csrf Shop");
        WebClient client = signedIn(m);
        String endpoint = endpointOf(m[0], hookline.receiver.url("/csrf"), "csrf");
        Map<String, String> create = Map.of("url", hookline.receiver.url("/csrf2"), "scope", "all");

        assertEquals(403, client.post("/settings/webhooks", create).statusCode());
        HttpResponse<String> forged = client.post("/settings/webhooks", Map.of("url", "https://x.example", "scope", "all",
                "_csrf", "forged"));
        assertEquals(403, forged.statusCode());
        assertEquals(403, client.post("/settings/webhooks/" + endpoint + "/enabled", Map.of("enabled", "false"))
                .statusCode());
        assertEquals(403, client.post("/settings/webhooks/" + endpoint + "/delete", Map.of()).statusCode());
        assertEquals(403, client.post("/logout", Map.of()).statusCode());
        assertEquals(1, hookline.context.getBean(EndpointQueries.class).list(new AccountId(m[0])).size(),
                "nothing was created or deleted");
        assertTrue(hookline.context.getBean(EndpointQueries.class).get(new AccountId(m[0]), endpoint).orElseThrow()
                .endpoint().enabled());

        // another session's token does not work either
        WebClient other = signedIn(hookline.merchant("Other Shop"));
        String otherToken = WebClient.csrf(other.get("/settings/webhooks").body());
        assertEquals(403, client.post("/settings/webhooks/" + endpoint + "/enabled",
                Map.of("enabled", "false", "_csrf", otherToken)).statusCode());
        // the login form needs its own token too
        assertEquals(403, new WebClient(hookline.baseUrl).post("/login", Map.of("email", m[1], "password", m[2]))
                .statusCode());

        // with the token (form field or HTMX header) it works
        String token = WebClient.csrf(client.get("/settings/webhooks").body());
        assertEquals(303, client.post("/settings/webhooks/" + endpoint + "/enabled",
                Map.of("enabled", "false", "_csrf", token)).statusCode());
        HttpResponse<String> htmx = client.post("/settings/webhooks/" + endpoint + "/enabled", Map.of("enabled", "true"),
                Map.of("X-CSRF-Token", token, "HX-Request", "true"));
        assertEquals(200, htmx.statusCode());
        assertTrue(htmx.body().contains("id=\"settings\""));
    }

    @Test
    void repeatedWrongPasswordsBlockThatAddressForAWhileButNotOthers() {
        String[] merchant = hookline.merchant("Guessed Shop");
        String[] other = hookline.merchant("Other Shop");
        WebClient attacker = new WebClient(hookline.baseUrl);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, attacker.login(merchant[1], "wrong-password-" + i).statusCode());
        }
        HttpResponse<String> blocked = new WebClient(hookline.baseUrl).login(merchant[1], merchant[2]);
        assertEquals(429, blocked.statusCode(), "even the right password waits once the address is blocked");
        assertTrue(blocked.body().contains("Too many failed sign-ins"), blocked.body());
        long retryAfter = Long.parseLong(blocked.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);
        assertEquals(303, new WebClient(hookline.baseUrl).login(other[1], other[2]).statusCode(),
                "other addresses sign in as usual");
    }

    @Test
    void theViewsFilterRendersThePagesButLeavesTheJsonApiAlone() {
        assertTrue(hookline.context.getBean(ViewsFilter.class) instanceof PageViewsFilter,
                "micronaut-views' own filter (mapped to every path) is replaced");
        Pattern scope = Pattern.compile(PageViewsFilter.class.getAnnotation(Filter.class).value()[0]);
        for (String page : List.of("/", "/login", "/settings/webhooks", "/settings/webhooks/wh_1/deliveries",
                "/admin/deliveries", "/v1x", "/v10/anything")) {
            assertTrue(scope.matcher(page).matches(), page);
        }
        for (String api : List.of("/v1", "/v1/", "/v1/events", "/v1/webhooks/wh_1", "/v1/api-keys")) {
            assertFalse(scope.matcher(api).matches(), api);
        }
    }

    @Test
    void aMistypedPageAddressGetsTheErrorPageInABrowserAndTheApisErrorBodyOtherwise() {
        String[] merchant = hookline.merchant("Typo Shop");
        WebClient client = signedIn(merchant);
        HttpResponse<String> page = client.browse("/settings/webhoks");
        assertEquals(404, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<h1>Not found</h1>"), page.body());
        assertTrue(page.body().contains(merchant[1]), "the layout shows who is signed in");

        HttpResponse<String> json = client.get("/settings/webhoks");
        assertEquals(404, json.statusCode());
        assertTrue(json.body().startsWith("{\"error\":{\"type\":\"not_found\""), json.body());

        HttpResponse<String> api = client.browse("/v1/nothing-here");
        assertTrue(api.body().startsWith("{\"error\":"), "the API answers JSON even to a browser: " + api.body());
    }

    @Test
    void aSecondMerchantGets404OnTheFirstOnesEndpointPageAndActions() {
        String[] first = hookline.merchant("First Shop");
        String endpoint = endpointOf(first[0], hookline.receiver.url("/first"), "first's endpoint");
        WebClient firstClient = signedIn(first);
        assertEquals(200, firstClient.get("/settings/webhooks/" + endpoint).statusCode());

        WebClient second = signedIn(hookline.merchant("Second Shop"));
        String token = WebClient.csrf(second.get("/settings/webhooks").body());
        HttpResponse<String> page = second.get("/settings/webhooks/" + endpoint);
        assertEquals(404, page.statusCode());
        assertFalse(page.body().contains("first's endpoint"));
        assertFalse(page.body().contains("/first"));
        assertEquals(404, second.get("/settings/webhooks/" + endpoint + "/edit").statusCode());
        assertEquals(404, second.get("/settings/webhooks/" + endpoint + "/secret").statusCode());
        assertEquals(404, second.post("/settings/webhooks/" + endpoint + "/enabled",
                Map.of("enabled", "false", "_csrf", token)).statusCode());
        assertEquals(404, second.post("/settings/webhooks/" + endpoint + "/rotate", Map.of("_csrf", token)).statusCode());
        assertEquals(404, second.post("/settings/webhooks/" + endpoint + "/delete", Map.of("_csrf", token)).statusCode());
        assertTrue(hookline.context.getBean(EndpointQueries.class).get(new AccountId(first[0]), endpoint).orElseThrow()
                .endpoint().enabled(), "untouched");
    }

    @Test
    void merchantsStayOutOfAdminAndOperatorsOutOfMerchantPages() {
        WebClient merchant = signedIn(hookline.merchant("Nosy Shop"));
        assertEquals(403, merchant.get("/admin").statusCode());
        WebClient operator = new WebClient(hookline.baseUrl);
        HttpResponse<String> login = operator.login(PagesHookline.OPERATOR_EMAIL, PagesHookline.OPERATOR_PASSWORD);
        assertEquals("/admin", login.headers().firstValue("location").orElseThrow());
        assertEquals(200, operator.get("/admin").statusCode());
        assertEquals(403, operator.get("/settings/webhooks").statusCode());
    }

    @Test
    void badFormInputIsAnsweredWithTheFieldNamedNeverA500() {
        String[] m = hookline.merchant("Typo Shop");
        WebClient client = signedIn(m);
        String token = WebClient.csrf(client.get("/settings/webhooks").body());
        HttpResponse<String> insecure = client.post("/settings/webhooks", Map.of("_csrf", token,
                "url", "ftp://files.example.com/hook", "scope", "all"));
        assertEquals(422, insecure.statusCode());
        assertTrue(insecure.body().contains("Url: "), insecure.body());
        HttpResponse<String> noEvents = client.post("/settings/webhooks", Map.of("_csrf", token,
                "url", hookline.receiver.url("/x"), "scope", "selected"));
        assertTrue(noEvents.statusCode() == 422 || noEvents.statusCode() == 400, noEvents.body());
        assertTrue(noEvents.body().contains("Events: "), noEvents.body());
        assertEquals(404, client.get("/settings/webhooks/not-an-id").statusCode());
        assertEquals(404, client.get("/settings/webhooks/wh_01ARZ3NDEKTSV4RRFFQ69G5FAV").statusCode());
        HttpResponse<String> badFilter = client.get("/settings/webhooks/" + endpointOf(m[0],
                hookline.receiver.url("/f"), "") + "?status=nonsense");
        assertEquals(400, badFilter.statusCode());
        WebClient operator = new WebClient(hookline.baseUrl);
        operator.login(PagesHookline.OPERATOR_EMAIL, PagesHookline.OPERATOR_PASSWORD);
        HttpResponse<String> badTime = operator.get("/admin?from=yesterday");
        assertEquals(400, badTime.statusCode());
        assertTrue(badTime.body().contains("from must be"));
        assertNotEquals(500, operator.get("/admin?account=%3Cscript%3E").statusCode());
    }

    @Test
    void theInlineUrlCheckExplainsRefusals() {
        WebClient client = signedIn(hookline.merchant("Check Shop"));
        String refused = client.get("/settings/webhooks/check-url?url=" + java.net.URLEncoder.encode(
                "https://169.254.169.254/latest", java.nio.charset.StandardCharsets.UTF_8)).body();
        assertTrue(refused.contains("class=\"hint bad\""), refused);
        String ok = client.get("/settings/webhooks/check-url?url=https%3A%2F%2F93.184.215.14%2Fhooks").body();
        assertTrue(ok.contains("class=\"hint ok\""), ok);
    }

    @Test
    void thePagesReadAndPostWithoutJavaScriptAndEscapeWhatUsersTyped() {
        String[] m = hookline.merchant("Plain Shop");
        WebClient client = signedIn(m);
        String token = WebClient.csrf(client.get("/settings/webhooks/new").body());
        HttpResponse<String> created = client.post("/settings/webhooks", Map.of("_csrf", token,
                "url", hookline.receiver.url("/plain"), "scope", "selected", "events", "payment.*",
                "description", "<b onmouseover=alert(1)>bold</b>"));
        assertEquals(303, created.statusCode(), created.body());
        String page = created.headers().firstValue("location").orElseThrow();
        assertTrue(page.matches("/settings/webhooks/wh_[0-9A-Z]{26}\\?created=1"), page);
        String id = page.substring("/settings/webhooks/".length(), page.indexOf('?'));
        String html = client.get(page).body();
        assertTrue(html.contains("id=\"secret-value\""), "the new secret is shown");
        assertTrue(html.contains("&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;"), "escaped");
        assertFalse(html.contains("<b onmouseover"), "never raw");

        HttpResponse<String> reveal = client.get("/settings/webhooks/" + id + "/secret");
        assertEquals(303, reveal.statusCode(), "without HTMX the reveal is a page load");
        assertTrue(client.get(reveal.headers().firstValue("location").orElseThrow()).body().contains("whsec_"));

        HttpResponse<String> test = client.post("/settings/webhooks/" + id + "/test",
                Map.of("_csrf", token, "event_type", "payment.succeeded"));
        assertEquals(303, test.statusCode(), test.body());
        String result = client.get(test.headers().firstValue("location").orElseThrow()).body();
        assertTrue(result.contains("id=\"test-status\"") && result.contains("Succeeded"), result);
        String deliveryId = test.headers().firstValue("location").orElseThrow().replaceAll(".*test=(dlv_[0-9A-Z]+).*", "$1");

        HttpResponse<String> detail = client.get("/settings/webhooks/" + id + "/deliveries/" + deliveryId);
        assertEquals(200, detail.statusCode());
        assertTrue(detail.body().contains("pay_8fK2mQ4xT9vLr3"), "the request body (the sample)");
        assertTrue(detail.body().contains("<html"), "a whole page without HTMX");
        HttpResponse<String> fragment = client.post("/settings/webhooks/" + id + "/enabled",
                Map.of("_csrf", token, "enabled", "false"));
        assertEquals(303, fragment.statusCode());
        assertTrue(client.get("/settings/webhooks/" + id).body().contains("id=\"queued-count\""));
        assertEquals(303, client.get("/settings/webhooks/" + id + "/deliveries?status=failed").statusCode(),
                "the log fragment URL sends browsers without HTMX to the page");
    }

    @Test
    void eventTypesTickedWithoutMovingTheAllEventsRadioAreWhatTheEndpointGets() {
        String[] m = hookline.merchant("Ticking Shop");
        WebClient client = signedIn(m);
        EndpointQueries queries = hookline.context.getBean(EndpointQueries.class);
        String newForm = client.get("/settings/webhooks/new").body();
        assertTrue(newForm.contains("name=\"scope_shown\" value=\"all\""), "the form says where the radio was");
        String token = WebClient.csrf(newForm);

        // without JavaScript ticking does not move the radio off its default "All events"
        HttpResponse<String> ticked = client.post("/settings/webhooks", List.of(Map.entry("_csrf", token),
                Map.entry("url", hookline.receiver.url("/ticked")), Map.entry("scope", "all"),
                Map.entry("scope_shown", "all"), Map.entry("events", "payment.*"),
                Map.entry("events", "payment.failed"), Map.entry("events", "invoice.paid")));
        assertEquals(303, ticked.statusCode(), ticked.body());
        String id = idIn(ticked);
        assertEquals(List.of("invoice.paid", "payment.*"), queries.get(new AccountId(m[0]), id).orElseThrow()
                .endpoint().filter().patterns(), "the ticked types, not every event");
        HttpResponse<String> withoutShown = client.post("/settings/webhooks", List.of(Map.entry("_csrf", token),
                Map.entry("url", hookline.receiver.url("/ticked2")), Map.entry("scope", "all"),
                Map.entry("events", "customer.created")));
        assertEquals(List.of("customer.created"), queries.get(new AccountId(m[0]), idIn(withoutShown)).orElseThrow()
                .endpoint().filter().patterns(), "a form from before scope_shown existed");
        HttpResponse<String> nothingTicked = client.post("/settings/webhooks", List.of(Map.entry("_csrf", token),
                Map.entry("url", hookline.receiver.url("/all")), Map.entry("scope", "all"),
                Map.entry("scope_shown", "all")));
        assertEquals(List.of("*"), queries.get(new AccountId(m[0]), idIn(nothingTicked)).orElseThrow()
                .endpoint().filter().patterns());

        // the edit form of that endpoint shows its types ticked and the radio on "Specific event types"
        String edit = client.get("/settings/webhooks/" + id + "/edit").body();
        assertTrue(edit.contains("name=\"scope_shown\" value=\"selected\""), edit);
        HttpResponse<String> refused = client.post("/settings/webhooks/" + id, List.of(Map.entry("_csrf", token),
                Map.entry("url", "https://10.0.0.9/hooks"), Map.entry("scope", "all"),
                Map.entry("scope_shown", "all"), Map.entry("events", "invoice.paid")));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("id=\"scope-selected\" checked"), "the answer keeps the choice");
        assertTrue(refused.body().contains("value=\"invoice.paid\" checked"), "and the ticks");
        // moving the radio to "All events" there means all events, whatever is still ticked
        HttpResponse<String> movedToAll = client.post("/settings/webhooks/" + id, List.of(Map.entry("_csrf", token),
                Map.entry("url", hookline.receiver.url("/ticked")), Map.entry("scope", "all"),
                Map.entry("scope_shown", "selected"), Map.entry("events", "invoice.paid"),
                Map.entry("events", "payment.*")));
        assertEquals(303, movedToAll.statusCode(), movedToAll.body());
        assertEquals(List.of("*"), queries.get(new AccountId(m[0]), id).orElseThrow().endpoint().filter().patterns());
    }

    private static String idIn(HttpResponse<String> created) {
        assertEquals(303, created.statusCode(), created.body());
        return created.headers().firstValue("location").orElseThrow().replaceAll(".*/(wh_[0-9A-Z]+).*", "$1");
    }

    @Test
    void theChartSaysItCountsAttemptsAndDoesNotSuggestATestEventItLeavesOut() {
        String[] m = hookline.merchant("Chart Shop");
        WebClient client = signedIn(m);
        String endpoint = endpointOf(m[0], hookline.receiver.url("/chart"), "");
        String token = WebClient.csrf(client.get("/settings/webhooks/" + endpoint).body());
        assertEquals(303, client.post("/settings/webhooks/" + endpoint + "/test",
                Map.of("_csrf", token, "event_type", "payment.succeeded")).statusCode());
        String page = client.get("/settings/webhooks/" + endpoint).body();
        assertTrue(page.contains("<h2>Delivery attempts, last 7 days</h2>"), "the chart counts attempts");
        assertTrue(page.contains("attempts that succeeded"), "its legend too");
        assertTrue(page.contains("No delivery attempts in the last 7 days. Test events are not counted here."),
                "a test event does not show in the chart, and the empty chart says so: " + page);
        assertFalse(page.contains("Send a test event to see it here"));
        assertTrue(page.contains("the share that succeeded (a delivery retried until it succeeded counts once)"),
                "the header's rate says it counts deliveries");
    }

    @Test
    void creatingAnApiKeyRedirectsSoARefreshCreatesNoSecondKeyAndShowsTheKeyOnce() {
        String[] m = hookline.merchant("Key Shop");
        WebClient client = signedIn(m);
        ManageApiKeysUseCase keys = hookline.context.getBean(ManageApiKeysUseCase.class);
        int before = keys.list(new AccountId(m[0])).size();
        String token = WebClient.csrf(client.get("/settings/api-keys").body());

        HttpResponse<String> created = client.post("/settings/api-keys", Map.of("_csrf", token, "name", "CI <b>box</b>"));
        assertEquals(303, created.statusCode(), "post/redirect/get: a refresh of the answer does not post again");
        assertEquals("/settings/api-keys", created.headers().firstValue("location").orElseThrow());
        assertEquals(before + 1, keys.list(new AccountId(m[0])).size());
        String cookie = created.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("hookline_new_key=")).findFirst().orElseThrow();
        for (String flag : List.of("httponly", "samesite=strict", "path=/settings/api-keys", "max-age=120")) {
            assertTrue(cookie.toLowerCase().contains(flag), flag + ": " + cookie);
        }
        assertFalse(cookie.contains("hk_live_"), "the key is sealed, not readable in the cookie");
        String sealed = client.cookies.get("hookline_new_key");

        HttpResponse<String> page = client.get("/settings/api-keys");
        assertEquals(200, page.statusCode());
        java.util.regex.Matcher shown = Pattern.compile("id=\"new-key-value\"[^>]*>(hk_live_[A-Za-z0-9_-]+)<")
                .matcher(page.body());
        assertTrue(shown.find(), page.body());
        assertTrue(page.body().contains("Key “CI &lt;b&gt;box&lt;/b&gt;” created."), "the name, escaped");
        assertFalse(client.cookies.containsKey("hookline_new_key"), "opened once, then cleared");
        assertEquals(200, new WebClient(hookline.baseUrl).get("/v1/event-types", shown.group(1)).statusCode(),
                "the key shown is the key created");
        assertFalse(client.get("/settings/api-keys").body().contains("new-key-value"), "shown once");
        assertEquals(before + 1, keys.list(new AccountId(m[0])).size());

        // the sealed value is of no use to another user, or altered
        WebClient other = signedIn(hookline.merchant("Other Key Shop"));
        other.cookies.put("hookline_new_key", sealed);
        assertFalse(other.get("/settings/api-keys").body().contains("new-key-value"));
        char c = sealed.charAt(20);
        client.cookies.put("hookline_new_key", sealed.substring(0, 20) + (c == 'A' ? 'B' : 'A') + sealed.substring(21));
        assertFalse(client.get("/settings/api-keys").body().contains("new-key-value"));
    }

    @Test
    void editingAnEndpointSavesOrExplainsAndOperatorsRetryWithoutJavaScript() {
        String[] m = hookline.merchant("Edit Shop");
        WebClient client = signedIn(m);
        String endpoint = endpointOf(m[0], hookline.receiver.url("/edit"), "before");
        String token = WebClient.csrf(client.get("/settings/webhooks/" + endpoint + "/edit").body());

        HttpResponse<String> refused = client.post("/settings/webhooks/" + endpoint, Map.of("_csrf", token,
                "url", "https://10.0.0.8/hooks", "scope", "all", "description", "after"));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("value=\"https://10.0.0.8/hooks\""), "what was typed is kept");
        HttpResponse<String> saved = client.post("/settings/webhooks/" + endpoint, Map.of("_csrf", token,
                "url", hookline.receiver.url("/edit2"), "scope", "selected", "events", "invoice.paid",
                "description", "after"));
        assertEquals(303, saved.statusCode(), saved.body());
        var view = hookline.context.getBean(EndpointQueries.class).get(new AccountId(m[0]), endpoint).orElseThrow();
        assertEquals("after", view.endpoint().description());
        assertEquals(List.of("invoice.paid"), view.endpoint().filter().patterns());
        assertTrue(view.endpoint().url().endsWith("/edit2"));

        hookline.receiver.answer("/edit2", 500, "nope");
        hookline.publish(m[0], "invoice.paid", "{\"id\":\"inv_e\"}");
        var deliveries = hookline.context.getBean(dev.hookline.application.port.in.DeliveryQueries.class);
        var query = new dev.hookline.application.port.in.DeliveryQueries.DeliveryLogQuery(endpoint, "failed", null,
                null, 10);
        PagesHookline.await("a failed delivery", java.time.Duration.ofSeconds(15),
                () -> !deliveries.list(new AccountId(m[0]), query).orElseThrow().items().isEmpty());
        String failed = deliveries.list(new AccountId(m[0]), query).orElseThrow().items().get(0).id().value();
        hookline.receiver.answer("/edit2", 200, "ok");

        WebClient operator = new WebClient(hookline.baseUrl);
        operator.login(PagesHookline.OPERATOR_EMAIL, PagesHookline.OPERATOR_PASSWORD);
        String admin = operator.get("/admin?account=" + m[0]).body();
        assertTrue(admin.contains(failed), "listed for the operator");
        HttpResponse<String> retried = operator.post("/admin/deliveries/" + failed + "/retry",
                Map.of("_csrf", WebClient.csrf(admin), "back", "account=" + m[0]));
        assertEquals(303, retried.statusCode());
        assertTrue(retried.headers().firstValue("location").orElseThrow().contains("retried=1"));
        PagesHookline.await("the retry to succeed", java.time.Duration.ofSeconds(15),
                () -> deliveries.list(new AccountId(m[0]), query).orElseThrow().items().isEmpty());
        assertEquals(409, operator.post("/admin/deliveries/" + failed + "/retry",
                Map.of("_csrf", WebClient.csrf(admin))).statusCode(), "a succeeded delivery is not retried");
    }

    @Test
    void theDeliveryLogIsPaginatedAndFiltered() {
        String[] m = hookline.merchant("Busy Shop");
        WebClient client = signedIn(m);
        String endpoint = endpointOf(m[0], hookline.receiver.url("/busy"), "");
        String token = WebClient.csrf(client.get("/settings/webhooks/" + endpoint).body());
        assertEquals(303, client.post("/settings/webhooks/" + endpoint + "/enabled",
                Map.of("_csrf", token, "enabled", "false")).statusCode());
        for (int i = 0; i < 23; i++) {
            hookline.publish(m[0], i % 2 == 0 ? "payment.succeeded" : "invoice.paid", "{\"n\":" + i + "}");
        }
        String first = client.get("/settings/webhooks/" + endpoint).body();
        assertEquals(20, first.split("class=\"log-row\"").length - 1);
        assertTrue(first.contains("23 events queued"), "the queued count");
        String refresh = client.post("/settings/webhooks/" + endpoint + "/enabled", Map.of("enabled", "false"),
                Map.of("X-CSRF-Token", token, "HX-Request", "true")).body();
        assertTrue(refresh.matches("(?s).*id=\"endpoint-status\"[^>]*hx-swap-oob=\"true\"[^>]*>Disabled<.*"),
                "the toggle's answer carries the status badge: " + refresh);
        assertTrue(refresh.contains("23 events queued") && refresh.contains("id=\"settings\""), refresh);
        String polled = client.get("/settings/webhooks/" + endpoint + "/deliveries?status=&event_type=",
                Map.of("HX-Request", "true")).body();
        assertTrue(polled.contains("id=\"log\""), "the log");
        assertTrue(polled.matches("(?s).*id=\"endpoint-status\"[^>]*hx-swap-oob=\"true\"[^>]*>Disabled<.*"), polled);
        assertTrue(polled.matches("(?s).*id=\"settings\"[^>]*hx-swap-oob=\"true\".*23 events queued.*"),
                "the queued count refreshes with the log: " + polled);
        assertFalse(first.contains("hx-swap-oob"), "the page itself has nothing out of band");
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"([^\"]*cursor=[^\"]*)\" id=\"older\"")
                .matcher(first);
        assertTrue(older.find(), "an Older link");
        String second = client.get(older.group(1).replace("&amp;", "&")).body();
        assertEquals(3, second.split("class=\"log-row\"").length - 1);
        assertFalse(second.contains("id=\"older\""));
        String invoices = client.get("/settings/webhooks/" + endpoint + "?status=held&event_type=invoice.paid").body();
        assertEquals(11, invoices.split("class=\"log-row\"").length - 1);
        assertEquals(0, client.get("/settings/webhooks/" + endpoint + "?status=succeeded").body()
                .split("class=\"log-row\"").length - 1);
    }
}
