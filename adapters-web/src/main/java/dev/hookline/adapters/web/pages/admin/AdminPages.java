package dev.hookline.adapters.web.pages.admin;

import dev.hookline.adapters.web.pages.Pages;
import dev.hookline.adapters.web.pages.Times;
import dev.hookline.adapters.web.pages.webhooks.Badge;
import dev.hookline.application.port.in.OperatorConsoleUseCase;
import dev.hookline.application.port.in.OperatorConsoleUseCase.BulkRetry;
import dev.hookline.application.port.in.OperatorConsoleUseCase.FailedFilter;
import dev.hookline.application.port.in.OperatorConsoleUseCase.QueueHealth;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.DeliveryReports.FailedDelivery;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Delivery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator console: failed deliveries of every account, retry one or all matching, queue health. */
@Hidden // a page, not part of the API: left out of the OpenAPI document
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminPages {

    static final int PAGE = 50;

    private final OperatorConsoleUseCase console;
    private final Clock clock;

    public AdminPages(OperatorConsoleUseCase console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    /** The filters as typed (times as {@code datetime-local} values, UTC). */
    public record Filters(String account, String endpoint, String eventType, String from, String to) {

        String query() {
            return "account=" + Pages.encode(account) + "&endpoint=" + Pages.encode(endpoint) + "&event_type="
                    + Pages.encode(eventType) + "&from=" + Pages.encode(from) + "&to=" + Pages.encode(to);
        }

        public boolean any() {
            return !(blank(account) && blank(endpoint) && blank(eventType) && blank(from) && blank(to));
        }

        /** What "retry all" with these filters takes in, in words (for its confirmation). */
        public String retryAllQuestion() {
            if (!any()) {
                return "Retry every failed delivery of every account?";
            }
            List<String> parts = new ArrayList<>();
            if (!blank(account)) {
                parts.add("account " + account.strip());
            }
            if (!blank(endpoint)) {
                parts.add("endpoint " + endpoint.strip());
            }
            if (!blank(eventType)) {
                parts.add("event type " + eventType.strip());
            }
            if (!blank(from)) {
                parts.add("from " + from.strip() + " UTC");
            }
            if (!blank(to)) {
                parts.add("to " + to.strip() + " UTC");
            }
            return "Retry every failed delivery with " + String.join(", ", parts) + "?";
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    public record FailedRow(String id, String accountId, String accountName, String endpointId, String endpointUrl,
                            String eventType, Badge status, Times.Shown created, Times.Shown failed,
                            String lastCode, int attempts) {
    }

    public record QueueView(long due, long scheduled, long retrying, long held, long sending, long deliveriesPerMinute,
                            long succeededPerMinute, long attemptsPerMinute, Times.Shown at) {
    }

    public record RunView(String id, long matched, long retried, long skipped, int percent, boolean finished,
                          String lastProblem, Times.Shown started) {
    }

    public record AdminView(Filters filters, List<FailedRow> rows, String nextUrl, String error, String errorField,
                            String notice, String filterQuery) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> index(HttpRequest<?> request, @Nullable @QueryValue String account,
                                        @Nullable @QueryValue String endpoint,
                                        @Nullable @QueryValue("event_type") String eventType,
                                        @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                        @Nullable @QueryValue String cursor, @Nullable @QueryValue String run,
                                        @Nullable @QueryValue String retried) {
        Filters filters = new Filters(trim(account), trim(endpoint), trim(eventType), trim(from), trim(to));
        Instant now = clock.instant();
        Map<String, Object> models = new HashMap<>();
        models.put("queue", queueView(console.queueHealth()));
        models.put("run", console.bulkRetry(run).or(() -> console.recentBulkRetries().stream().findFirst())
                .map(r -> runView(r, now)).orElse(null));
        Result<FailedFilter> filter = filter(filters);
        String notice = retried != null ? "Delivery queued for another attempt." : null;
        if (filter instanceof Result.Rejected<FailedFilter> r) {
            models.put("admin", new AdminView(filters, List.of(), null, r.problem().message(), r.problem().field(),
                    notice, filters.query()));
            return Pages.render(request, HttpStatus.BAD_REQUEST, "admin/index", models);
        }
        Result<Page<FailedDelivery>> page = console.failed(filter.orElseThrow(), cursor, PAGE);
        if (page instanceof Result.Rejected<Page<FailedDelivery>> r) {
            models.put("admin", new AdminView(filters, List.of(), null, r.problem().message(), r.problem().field(),
                    notice, filters.query()));
            return Pages.render(request, HttpStatus.BAD_REQUEST, "admin/index", models);
        }
        Page<FailedDelivery> failed = page.orElseThrow();
        List<FailedRow> rows = failed.items().stream().map(f -> row(f, now)).toList();
        models.put("admin", new AdminView(filters, rows,
                failed.nextCursor().map(c -> "/admin?" + filters.query() + "&cursor=" + c).orElse(null), null, null,
                notice, filters.query()));
        return Pages.render(request, "admin/index", models);
    }

    @Get(value = "/queue", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> queue(HttpRequest<?> request) {
        return Pages.render(request, "admin/_queue", Map.of("queue", queueView(console.queueHealth())));
    }

    @Get(value = "/runs/{id}", produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> runFragment(HttpRequest<?> request, @PathVariable String id) {
        Optional<BulkRetry> run = console.bulkRetry(id);
        if (run.isEmpty()) {
            return Pages.error(request, HttpStatus.NOT_FOUND, "Not found", "No such bulk retry (runs are kept in memory).");
        }
        if (!Pages.htmx(request)) {
            return Pages.redirect("/admin?run=" + Pages.encode(id));
        }
        MutableHttpResponse<?> response = Pages.render(request, "admin/_run",
                Map.of("run", runView(run.get(), clock.instant())));
        // a finished run stops polling; reload once so the list shows what is left
        return run.get().finished() ? response.header("HX-Refresh", "true") : response;
    }

    @Post(value = "/deliveries/{id}/retry", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> retry(HttpRequest<?> request, @PathVariable String id,
                                        @Nullable @Body String body) {
        Result<Delivery> retried = console.retry(id);
        if (retried instanceof Result.Rejected<Delivery> r) {
            return Pages.problem(request, r.problem());
        }
        String back = Optional.ofNullable(Pages.first(Pages.form(body), "back")).filter(b -> b.startsWith("account="))
                .orElse("");
        if (Pages.htmx(request)) {
            Delivery d = retried.orElseThrow();
            return Pages.render(request, "admin/_retried", Map.of("retried",
                    new RetriedView(d.id().value(), Badge.of(d.status()))));
        }
        return Pages.redirect("/admin?" + back + "&retried=1");
    }

    public record RetriedView(String id, Badge status) {
    }

    @Post(value = "/retry-all", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> retryAll(HttpRequest<?> request, @Nullable @Body String body) {
        Map<String, List<String>> form = Pages.form(body);
        Filters filters = new Filters(trim(Pages.first(form, "account")), trim(Pages.first(form, "endpoint")),
                trim(Pages.first(form, "event_type")), trim(Pages.first(form, "from")), trim(Pages.first(form, "to")));
        Result<FailedFilter> filter = filter(filters);
        if (filter instanceof Result.Rejected<FailedFilter> r) {
            return Pages.problem(request, r.problem());
        }
        Result<BulkRetry> run = console.retryAllMatching(filter.orElseThrow());
        if (run instanceof Result.Rejected<BulkRetry> r) {
            return Pages.problem(request, r.problem());
        }
        return Pages.redirect("/admin?" + filters.query() + "&run=" + run.orElseThrow().id());
    }

    private static Result<FailedFilter> filter(Filters f) {
        Instant from;
        Instant to;
        try {
            from = time(f.from());
        } catch (DateTimeParseException e) {
            return Result.rejected(dev.hookline.application.port.in.Problem.invalid("from",
                    "from must be a date and time like 2026-01-15T10:30 (UTC)"));
        }
        try {
            to = time(f.to());
        } catch (DateTimeParseException e) {
            return Result.rejected(dev.hookline.application.port.in.Problem.invalid("to",
                    "to must be a date and time like 2026-01-15T10:30 (UTC)"));
        }
        return Result.ok(new FailedFilter(f.account(), f.endpoint(), f.eventType(), from, to));
    }

    /** {@code datetime-local} (read as UTC) or a full ISO-8601 instant. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return java.time.OffsetDateTime.parse(t).toInstant();
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static FailedRow row(FailedDelivery f, Instant now) {
        Delivery d = f.delivery();
        return new FailedRow(d.id().value(), d.accountId().value(), f.accountName(), d.endpointId().value(),
                f.endpointUrl(), d.eventType().value(), Badge.of(d.status()), Times.of(d.createdAt(), now),
                Times.of(d.updatedAt(), now), d.lastStatusCode() == null ? "—" : d.lastStatusCode().toString(),
                d.attempts());
    }

    private QueueView queueView(QueueHealth h) {
        return new QueueView(h.depth().due(), h.depth().scheduled(), h.depth().retrying(), h.depth().held(),
                h.depth().sending(), h.lastMinute().finished(), h.lastMinute().succeeded(), h.lastMinute().attempts(),
                Times.of(h.at(), h.at()));
    }

    private static RunView runView(BulkRetry r, Instant now) {
        return new RunView(r.id(), r.matched(), r.retried(), r.skipped(), r.percent(), r.finished(),
                r.lastProblem().orElse(null), Times.of(r.startedAt(), now));
    }
}
