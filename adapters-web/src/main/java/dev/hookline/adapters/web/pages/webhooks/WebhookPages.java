package dev.hookline.adapters.web.pages.webhooks;

import dev.hookline.adapters.web.pages.Pages;
import dev.hookline.adapters.web.pages.Times;
import dev.hookline.application.port.in.CheckEndpointUrlUseCase;
import dev.hookline.application.port.in.DeleteEndpointUseCase;
import dev.hookline.application.port.in.DeliveryLogQueries;
import dev.hookline.application.port.in.DeliveryLogQueries.LogEntry;
import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.DeliveryQueries.DeliveryDetails;
import dev.hookline.application.port.in.DeliveryQueries.DeliveryLogQuery;
import dev.hookline.application.port.in.EndpointHistoryQueries;
import dev.hookline.application.port.in.EndpointHistoryQueries.DayStats;
import dev.hookline.application.port.in.EndpointQueries;
import dev.hookline.application.port.in.EndpointQueries.EndpointView;
import dev.hookline.application.port.in.EventTypeCatalogUseCase;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.RegisterEndpointUseCase;
import dev.hookline.application.port.in.RegisterEndpointUseCase.RegisterEndpointCommand;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.application.port.in.RotateSecretUseCase;
import dev.hookline.application.port.in.SendTestEventUseCase;
import dev.hookline.application.port.in.SendTestEventUseCase.TestResult;
import dev.hookline.application.port.in.UpdateEndpointUseCase;
import dev.hookline.application.port.in.UpdateEndpointUseCase.UpdateEndpointCommand;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings › Webhooks: the endpoint list, add/edit, the endpoint page (secret, enable toggle,
 * delete, test events, delivery log, chart). Every action posts a plain form and redirects, so
 * the pages work without JavaScript; HTMX requests get the fragment to swap instead.
 */
@Hidden // a page, not part of the API: left out of the OpenAPI document
@Controller("/settings/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookPages {

    static final int LOG_PAGE = 20;
    static final int CHART_DAYS = 7;

    private final EndpointQueries endpoints;
    private final RegisterEndpointUseCase register;
    private final UpdateEndpointUseCase update;
    private final DeleteEndpointUseCase delete;
    private final RotateSecretUseCase rotate;
    private final CheckEndpointUrlUseCase urlCheck;
    private final SendTestEventUseCase testEvents;
    private final DeliveryQueries deliveries;
    private final DeliveryLogQueries log;
    private final RetryDeliveryUseCase retry;
    private final EndpointHistoryQueries history;
    private final EventTypeCatalogUseCase catalog;
    private final Clock clock;

    public WebhookPages(EndpointQueries endpoints, RegisterEndpointUseCase register, UpdateEndpointUseCase update,
                        DeleteEndpointUseCase delete, RotateSecretUseCase rotate, CheckEndpointUrlUseCase urlCheck,
                        SendTestEventUseCase testEvents, DeliveryQueries deliveries, DeliveryLogQueries log,
                        RetryDeliveryUseCase retry, EndpointHistoryQueries history, EventTypeCatalogUseCase catalog,
                        Clock clock) {
        this.endpoints = endpoints;
        this.register = register;
        this.update = update;
        this.delete = delete;
        this.rotate = rotate;
        this.urlCheck = urlCheck;
        this.testEvents = testEvents;
        this.deliveries = deliveries;
        this.log = log;
        this.retry = retry;
        this.history = history;
        this.catalog = catalog;
        this.clock = clock;
    }

    private static AccountId account(HttpRequest<?> request) {
        return Pages.user(request).accountId();
    }

    private static String base(String id) {
        return "/settings/webhooks/" + id;
    }

    // ---- list ----------------------------------------------------------------------------------

    public record ListView(List<EndpointViews.Row> rows, String deleted) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String deleted) {
        Instant now = clock.instant();
        List<EventType> types = catalog.list();
        List<EndpointViews.Row> rows = endpoints.list(account(request)).stream()
                .map(v -> EndpointViews.row(v, types, now)).toList();
        return Pages.render(request, "webhooks/list", Map.of("page", new ListView(rows,
                deleted == null ? null : deleted)));
    }

    // ---- add / edit ----------------------------------------------------------------------------

    /**
     * The add/edit form.
     *
     * @param action where the form posts
     * @param error  what is wrong, with {@code errorField} naming the input
     */
    public record FormView(boolean editing, String id, String action, String url, String description,
                           boolean allEvents, List<EndpointViews.Category> categories, String error,
                           String errorField) {
    }

    @Get(value = "/new", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> newForm(HttpRequest<?> request) {
        return form(request, HttpStatus.OK, new FormView(false, null, "/settings/webhooks", "", "", true,
                EndpointViews.categories(catalog.list(), Set.of()), null, null));
    }

    @Get(value = "/check-url", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> checkUrl(HttpRequest<?> request, @Nullable @QueryValue String url) {
        UrlCheckView view;
        if (url == null || url.isBlank()) {
            view = new UrlCheckView("idle", "Enter the HTTPS URL of your endpoint.");
        } else {
            view = urlCheck.checkEndpointUrl(url.trim())
                    .map(p -> new UrlCheckView("bad", p.message()))
                    .orElse(new UrlCheckView("ok", "Looks good: Hookline can deliver to this URL."));
        }
        return Pages.render(request, "webhooks/_url_check", Map.of("check", view));
    }

    public record UrlCheckView(String state, String message) {
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        Map<String, List<String>> form = Pages.form(body);
        FormInput input = FormInput.of(form);
        Result<Endpoint> created = register.register(account(request), new RegisterEndpointCommand(input.url(),
                input.events(), input.description(), null, null));
        if (created instanceof Result.Rejected<Endpoint> rejected) {
            Problem p = rejected.problem();
            return form(request, Pages.status(p), new FormView(false, null, "/settings/webhooks", input.url(),
                    input.description(), input.all(), EndpointViews.categories(catalog.list(), input.selected()),
                    p.message(), p.field()));
        }
        return Pages.redirect(base(created.orElseThrow().id().value()) + "?created=1");
    }

    @Get(value = "/{id}/edit", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> editForm(HttpRequest<?> request, @PathVariable String id) {
        Result<EndpointView> found = endpoints.get(account(request), id);
        if (found instanceof Result.Rejected<EndpointView> r) {
            return Pages.problem(request, r.problem());
        }
        Endpoint e = found.orElseThrow().endpoint();
        boolean all = e.filter() instanceof EventFilter.AllEvents;
        return form(request, HttpStatus.OK, new FormView(true, e.id().value(), base(e.id().value()), e.url(),
                e.description(), all, EndpointViews.categories(catalog.list(),
                all ? Set.of() : new LinkedHashSet<>(e.filter().patterns())), null, null));
    }

    @Post(value = "/{id}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> save(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        FormInput input = FormInput.of(Pages.form(body));
        Result<Endpoint> saved = update.update(account(request), id, new UpdateEndpointCommand(input.url(),
                input.events(), input.description(), null, null));
        if (saved instanceof Result.Rejected<Endpoint> rejected) {
            Problem p = rejected.problem();
            if (p.kind() == Problem.Kind.NOT_FOUND) {
                return Pages.problem(request, p);
            }
            return form(request, Pages.status(p), new FormView(true, id, base(id), input.url(), input.description(),
                    input.all(), EndpointViews.categories(catalog.list(), input.selected()), p.message(), p.field()));
        }
        return Pages.redirect(base(id) + "?saved=1");
    }

    private MutableHttpResponse<?> form(HttpRequest<?> request, HttpStatus status, FormView view) {
        return Pages.render(request, status, "webhooks/form", Map.of("form", view));
    }

    /**
     * What the add/edit form sent.
     *
     * <p>Event types ticked while the radio says "All events" are what the merchant meant, unless
     * the merchant moved the radio to "All events" (the form's {@code scope_shown} says where it
     * was): without JavaScript ticking a box does not move the radio, and "All events" is the
     * default, so a merchant who only ticked boxes would otherwise get every event. With
     * JavaScript the ticks move the radio, and choosing "All events" leaves the boxes out.
     */
    record FormInput(String url, String description, boolean all, Set<String> selected, List<String> events) {

        static FormInput of(Map<String, List<String>> form) {
            String url = Optional.ofNullable(Pages.first(form, "url")).orElse("").trim();
            String description = Optional.ofNullable(Pages.first(form, "description")).orElse("").trim();
            Set<String> selected = new LinkedHashSet<>(form.getOrDefault("events", List.of()));
            boolean radioMovedToAll = "selected".equals(Pages.first(form, "scope_shown"));
            boolean all = "all".equals(Pages.first(form, "scope")) && (selected.isEmpty() || radioMovedToAll);
            List<String> events;
            if (all) {
                events = List.of(EventFilter.ALL);
            } else {
                // a ticked category covers its types: send the category alone
                Set<String> categories = new LinkedHashSet<>();
                selected.stream().filter(s -> s.endsWith(EventFilter.CATEGORY_SUFFIX)).forEach(categories::add);
                List<String> chosen = new ArrayList<>(categories);
                selected.stream().filter(s -> !s.endsWith(EventFilter.CATEGORY_SUFFIX))
                        .filter(s -> !categories.contains(s.substring(0, Math.max(0, s.indexOf('.')))
                                + EventFilter.CATEGORY_SUFFIX))
                        .forEach(chosen::add);
                events = chosen;
            }
            return new FormInput(url, description, all, selected, events);
        }
    }

    // ---- the endpoint page -----------------------------------------------------------------------

    /**
     * @param secret   shown in clear only right after creation or when revealed
     * @param notice   a one-line confirmation after an action
     */
    public record EndpointPage(EndpointViews.Detail endpoint, String secret, boolean created, String notice,
                               List<TypeChoice> testTypes, Chart chart, List<DayStats> days) {
    }

    public record TypeChoice(String name, String category, boolean selected) {
    }

    @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> page(HttpRequest<?> request, @PathVariable String id,
                                       @Nullable @QueryValue String created, @Nullable @QueryValue String reveal,
                                       @Nullable @QueryValue String saved, @Nullable @QueryValue String rotated,
                                       @Nullable @QueryValue String status, @Nullable @QueryValue("event_type") String eventType,
                                       @Nullable @QueryValue String cursor, @Nullable @QueryValue String test,
                                       @Nullable @QueryValue String retried) {
        AccountId account = account(request);
        Result<EndpointView> found = endpoints.get(account, id);
        if (found instanceof Result.Rejected<EndpointView> r) {
            return Pages.problem(request, r.problem());
        }
        Instant now = clock.instant();
        EndpointView view = found.orElseThrow();
        List<EventType> types = catalog.list();
        boolean showSecret = created != null || reveal != null || rotated != null;
        String notice = saved != null ? "Changes saved." : rotated != null
                ? "New signing secret created. The previous one keeps signing for 24 hours, so you can switch over."
                : retried != null ? "Delivery queued for another attempt." : null;
        List<DayStats> days = history.lastDays(account, id, CHART_DAYS).orElseThrow();
        EndpointPage page = new EndpointPage(EndpointViews.detail(view, types, now),
                showSecret ? view.endpoint().secrets().current().value() : null, created != null, notice,
                types.stream().map(t -> new TypeChoice(t.name().value(), t.category(),
                        t.name().value().equals("payment.succeeded"))).toList(), Chart.of(days), days);
        Map<String, Object> models = new HashMap<>();
        models.put("page", page);
        models.put("settings", settings(view));
        Result<LogView> logView = logView(account, id, status, eventType, cursor, now);
        if (logView instanceof Result.Rejected<LogView> r) {
            return Pages.problem(request, r.problem());
        }
        models.put("log", logView.orElseThrow());
        models.put("test", testView(account, test, now));
        return Pages.render(request, "webhooks/endpoint", models);
    }

    // ---- secret --------------------------------------------------------------------------------

    public record SecretView(String id, String secret) {
    }

    @Get(value = "/{id}/secret", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> secret(HttpRequest<?> request, @PathVariable String id) {
        Result<EndpointView> found = endpoints.get(account(request), id);
        if (found instanceof Result.Rejected<EndpointView> r) {
            return Pages.problem(request, r.problem());
        }
        if (!Pages.htmx(request)) {
            return Pages.redirect(base(id) + "?reveal=1#secret");
        }
        return Pages.render(request, "webhooks/_secret", Map.of("secret",
                new SecretView(id, found.orElseThrow().endpoint().secrets().current().value())));
    }

    @Post(value = "/{id}/rotate", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> rotate(HttpRequest<?> request, @PathVariable String id) {
        Result<RotateSecretUseCase.RotatedSecret> rotated = rotate.rotate(account(request), id);
        if (rotated instanceof Result.Rejected<RotateSecretUseCase.RotatedSecret> r) {
            return Pages.problem(request, r.problem());
        }
        return Pages.redirect(base(id) + "?rotated=1#secret");
    }

    // ---- enable / disable, delete --------------------------------------------------------------

    /** The Enabled toggle card. */
    public record SettingsView(String id, boolean enabled, String disabledReason, long queued, Badge status) {
    }

    /**
     * The parts of the endpoint page outside the log that change with its deliveries: the status
     * badge and the Delivery card (enabled, queued count), as HTMX out-of-band swaps. They go with
     * every refresh of the log and with the answer to the enable toggle.
     */
    private static Map<String, Object> live(EndpointView view) {
        Map<String, Object> models = new HashMap<>();
        models.put("settings", settings(view));
        models.put("oob", true);
        return models;
    }

    private static SettingsView settings(EndpointView view) {
        Endpoint e = view.endpoint();
        return new SettingsView(e.id().value(), e.enabled(),
                e.disablement() == null ? null : e.disablement().reason(), view.held(), Badge.of(e.status()));
    }

    @Post(value = "/{id}/enabled", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> enabled(HttpRequest<?> request, @PathVariable String id,
                                          @Nullable @Body String body) {
        String value = Pages.first(Pages.form(body), "enabled");
        if (!"true".equals(value) && !"false".equals(value)) {
            return Pages.error(request, HttpStatus.BAD_REQUEST, "Please check enabled",
                    "enabled must be true or false");
        }
        AccountId account = account(request);
        Result<Endpoint> changed = update.update(account, id,
                new UpdateEndpointCommand(null, null, null, Boolean.valueOf(value), null));
        if (changed instanceof Result.Rejected<Endpoint> r) {
            return Pages.problem(request, r.problem());
        }
        if (Pages.htmx(request)) {
            return Pages.render(request, "webhooks/_live", live(endpoints.get(account, id).orElseThrow()))
                    .header("HX-Trigger", "deliveries-changed");
        }
        return Pages.redirect(base(id));
    }

    @Post(value = "/{id}/delete", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id) {
        Result<Void> deleted = delete.delete(account(request), id);
        if (deleted instanceof Result.Rejected<Void> r) {
            return Pages.problem(request, r.problem());
        }
        return Pages.redirect("/settings/webhooks?deleted=1");
    }

    // ---- test events ---------------------------------------------------------------------------

    /** A test event's outcome. */
    public record TestView(String eventType, Badge status, String responseCode, String responseTime,
                           String responseBody, boolean truncated, String error, String deliveryId) {
    }

    private TestView testView(AccountId account, String deliveryId, Instant now) {
        if (deliveryId == null || deliveryId.isBlank()) {
            return null;
        }
        Result<DeliveryDetails> details = deliveries.get(account, deliveryId);
        if (!(details instanceof Result.Ok<DeliveryDetails> ok) || ok.value().attempts().isEmpty()) {
            return null;
        }
        List<Attempt> attempts = ok.value().attempts();
        return testView(ok.value().delivery().eventType().value(), attempts.get(attempts.size() - 1),
                ok.value().delivery().id().value(), now);
    }

    private static TestView testView(String type, Attempt attempt, String deliveryId, Instant now) {
        EndpointViews.AttemptView a = EndpointViews.attempt(attempt, now);
        return new TestView(type, a.outcome(), a.responseCode(), a.duration(), a.responseBody(), a.truncated(),
                a.error(), deliveryId);
    }

    @Post(value = "/{id}/test", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> sendTest(HttpRequest<?> request, @PathVariable String id,
                                           @Nullable @Body String body) {
        String type = Pages.first(Pages.form(body), "event_type");
        Result<TestResult> sent = testEvents.send(account(request), id, type);
        if (sent instanceof Result.Rejected<TestResult> r) {
            Problem p = r.problem();
            if (Pages.htmx(request) && p.kind() != Problem.Kind.NOT_FOUND) {
                return Pages.render(request, Pages.status(p), "webhooks/_test_result", Map.of("test",
                        new TestView(type == null ? "" : type, new Badge("bad", "Not sent", ""), "—", "—", "", false,
                                p.message(), null)));
            }
            return Pages.problem(request, p);
        }
        TestResult result = sent.orElseThrow();
        if (Pages.htmx(request)) {
            return Pages.render(request, "webhooks/_test_result", Map.of("test", testView(
                    result.delivery().eventType().value(), result.attempt(), result.delivery().id().value(),
                    clock.instant()))).header("HX-Trigger", "deliveries-changed");
        }
        return Pages.redirect(base(id) + "?test=" + result.delivery().id().value() + "#test");
    }

    // ---- delivery log --------------------------------------------------------------------------

    /**
     * The delivery log with its filters.
     *
     * @param refreshUrl what HTMX polls (the first page with the same filters)
     * @param poll       how often to poll: fast while deliveries are in flight
     */
    public record LogView(String endpointId, List<EndpointViews.LogRow> rows, String status, String eventType,
                          List<Option> statuses, List<Option> types, String nextUrl, String refreshUrl,
                          boolean firstPage, String poll, boolean filtered) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    private Result<LogView> logView(AccountId account, String id, String status, String eventType, String cursor,
                                    Instant now) {
        String s = Pages.blankToNull(status);
        String t = Pages.blankToNull(eventType);
        String c = Pages.blankToNull(cursor);
        Result<Page<LogEntry>> page = log.log(account, new DeliveryLogQuery(id, s, t, c, LOG_PAGE));
        if (page instanceof Result.Rejected<Page<LogEntry>> r) {
            return Result.rejected(r.problem());
        }
        Page<LogEntry> entries = page.orElseThrow();
        List<EndpointViews.LogRow> rows = entries.items().stream().map(e -> EndpointViews.logRow(e, now)).toList();
        String filters = "status=" + Pages.encode(s) + "&event_type=" + Pages.encode(t);
        boolean inFlight = rows.stream().anyMatch(EndpointViews.LogRow::inFlight);
        List<Option> statuses = new ArrayList<>();
        statuses.add(new Option("", "All statuses", s == null));
        Arrays.stream(DeliveryStatus.values()).forEach(v -> statuses.add(new Option(v.name().toLowerCase(Locale.ROOT),
                Badge.of(v).label(), v.name().equalsIgnoreCase(s == null ? "" : s))));
        List<Option> types = new ArrayList<>();
        types.add(new Option("", "All event types", t == null));
        catalog.list().forEach(type -> types.add(new Option(type.name().value(), type.name().value(),
                type.name().value().equals(t))));
        return Result.ok(new LogView(id, rows, s == null ? "" : s, t == null ? "" : t, statuses, types,
                entries.nextCursor().map(n -> base(id) + "?" + filters + "&cursor=" + n + "#log").orElse(null),
                base(id) + "/deliveries?" + filters, c == null, inFlight ? "1s" : "3s", s != null || t != null));
    }

    @Get(value = "/{id}/deliveries", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> logFragment(HttpRequest<?> request, @PathVariable String id,
                                              @Nullable @QueryValue String status,
                                              @Nullable @QueryValue("event_type") String eventType,
                                              @Nullable @QueryValue String cursor) {
        if (!Pages.htmx(request)) {
            return Pages.redirect(base(id) + "?status=" + Pages.encode(status) + "&event_type="
                    + Pages.encode(eventType) + (cursor == null ? "" : "&cursor=" + Pages.encode(cursor)) + "#log");
        }
        AccountId account = account(request);
        Result<EndpointView> endpoint = endpoints.get(account, id);
        if (endpoint instanceof Result.Rejected<EndpointView> r) {
            return Pages.problem(request, r.problem());
        }
        Result<LogView> view = logView(account, id, status, eventType, cursor, clock.instant());
        if (view instanceof Result.Rejected<LogView> r) {
            return Pages.problem(request, r.problem());
        }
        return logWithLiveParts(request, view.orElseThrow(), endpoint.orElseThrow());
    }

    private MutableHttpResponse<?> logWithLiveParts(HttpRequest<?> request, LogView log, EndpointView endpoint) {
        Map<String, Object> models = live(endpoint);
        models.put("log", log);
        return Pages.render(request, "webhooks/_log_live", models);
    }

    /** A delivery expanded: the request sent and every attempt. */
    public record DeliveryView(String endpointId, String endpointUrl, String id, String eventId, String eventType,
                               Badge status, Times.Shown created, String requestBody, List<EndpointViews.AttemptView> attempts,
                               boolean retryable) {
    }

    @Get(value = "/{id}/deliveries/{deliveryId}", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> delivery(HttpRequest<?> request, @PathVariable String id,
                                           @PathVariable String deliveryId) {
        Result<DeliveryDetails> found = deliveries.get(account(request), deliveryId);
        if (found instanceof Result.Rejected<DeliveryDetails> r) {
            return Pages.problem(request, r.problem());
        }
        DeliveryDetails d = found.orElseThrow();
        if (!d.delivery().endpointId().value().equals(id)) {
            return Pages.problem(request, Problem.notFound("delivery " + deliveryId));
        }
        Instant now = clock.instant();
        DeliveryView view = new DeliveryView(id, d.endpointUrl(), d.delivery().id().value(), d.event().id().value(),
                d.delivery().eventType().value(), Badge.of(d.delivery().status()), Times.of(d.delivery().createdAt(), now),
                d.requestBody(), d.attempts().stream().map(a -> EndpointViews.attempt(a, now)).toList(),
                d.delivery().status().canBeRetriedNow());
        return Pages.render(request, Pages.htmx(request) ? "webhooks/_delivery" : "webhooks/delivery",
                Map.of("delivery", view));
    }

    @Post(value = "/{id}/deliveries/{deliveryId}/retry", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> retry(HttpRequest<?> request, @PathVariable String id,
                                        @PathVariable String deliveryId) {
        AccountId account = account(request);
        Result<DeliveryDetails> found = deliveries.get(account, deliveryId);
        if (found instanceof Result.Rejected<DeliveryDetails> r) {
            return Pages.problem(request, r.problem());
        }
        if (!found.orElseThrow().delivery().endpointId().value().equals(id)) {
            return Pages.problem(request, Problem.notFound("delivery " + deliveryId));
        }
        Result<?> retried = retry.retry(account, deliveryId);
        if (retried instanceof Result.Rejected<?> r) {
            return Pages.problem(request, r.problem());
        }
        if (Pages.htmx(request)) {
            Result<LogView> view = logView(account, id, null, null, null, clock.instant());
            return logWithLiveParts(request, view.orElseThrow(), endpoints.get(account, id).orElseThrow());
        }
        return Pages.redirect(base(id) + "?retried=1#log");
    }
}
