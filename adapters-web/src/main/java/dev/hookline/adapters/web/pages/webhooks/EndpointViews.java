package dev.hookline.adapters.web.pages.webhooks;

import dev.hookline.adapters.web.pages.Times;
import dev.hookline.application.port.in.DeliveryLogQueries.LogEntry;
import dev.hookline.application.port.in.EndpointQueries.EndpointView;
import dev.hookline.application.port.out.DeliveryReports.LastAttempt;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The view models of the webhook pages, built from the use cases' values. Templates only print them. */
public final class EndpointViews {

    private EndpointViews() {
    }

    /** A row of the endpoint list (seed 001's columns). */
    public record Row(String id, String url, String description, String events, String eventsTitle, Badge status,
                      String successRate, Times.Shown lastDelivery, Badge lastStatus) {
    }

    public static Row row(EndpointView view, List<EventType> catalog, Instant now) {
        Endpoint e = view.endpoint();
        return new Row(e.id().value(), e.url(), e.description(), eventsLabel(e.filter(), catalog),
                String.join(", ", e.filter().patterns()), Badge.of(e.status()),
                view.stats().successRate().map(EndpointViews::percent).orElse("—"),
                Times.of(e.health().lastAttemptAt(), now),
                e.health().lastDeliveryStatus() == null ? null : Badge.of(e.health().lastDeliveryStatus()));
    }

    /** How many of the catalog's types the filter selects (a category counts its types). */
    static String eventsLabel(EventFilter filter, List<EventType> catalog) {
        if (filter instanceof EventFilter.AllEvents) {
            return "All events (" + catalog.size() + ")";
        }
        long n = catalog.stream().filter(t -> filter.accepts(t.name())).count();
        return n == 1 ? "1 event" : n + " events";
    }

    static String percent(double value) {
        if (value >= 99.95 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f%%", value);
        }
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** The endpoint page's header and settings. */
    public record Detail(String id, String url, String description, Badge status, boolean enabled,
                         String disabledReason, long queued, String events, List<String> patterns,
                         Times.Shown created, String successRate, Times.Shown lastDelivery, String rateLimit) {
    }

    public static Detail detail(EndpointView view, List<EventType> catalog, Instant now) {
        Endpoint e = view.endpoint();
        return new Detail(e.id().value(), e.url(), e.description(), Badge.of(e.status()), e.enabled(),
                e.disablement() == null ? null : e.disablement().reason(), view.held(),
                eventsLabel(e.filter(), catalog), e.filter().patterns(), Times.of(e.createdAt(), now),
                view.stats().successRate().map(EndpointViews::percent).orElse("—"),
                Times.of(e.health().lastAttemptAt(), now),
                e.rateLimit() == null ? "No limit" : e.rateLimit() + " per second");
    }

    /** An event type as a checkbox. */
    public record TypeOption(String name, String description, boolean checked) {
    }

    public record Category(String name, String pattern, boolean checked, List<TypeOption> types) {
    }

    /** The catalog grouped by category, in catalog order, with the selected boxes ticked. */
    public static List<Category> categories(List<EventType> catalog, Set<String> selected) {
        Map<String, List<EventType>> byCategory = new LinkedHashMap<>();
        for (EventType type : catalog) {
            byCategory.computeIfAbsent(type.category(), k -> new ArrayList<>()).add(type);
        }
        List<Category> categories = new ArrayList<>();
        byCategory.forEach((name, types) -> {
            String pattern = types.get(0).name().category() + EventFilter.CATEGORY_SUFFIX;
            boolean whole = selected.contains(pattern);
            categories.add(new Category(name, pattern, whole, types.stream()
                    .map(t -> new TypeOption(t.name().value(), t.description(),
                            whole || selected.contains(t.name().value())))
                    .toList()));
        });
        return categories;
    }

    /** A row of the delivery log. */
    public record LogRow(String id, String eventType, Times.Shown created, Badge status, String responseCode,
                         String responseTime, int attempts, boolean retryable, boolean test, boolean inFlight) {
    }

    public static LogRow logRow(LogEntry entry, Instant now) {
        Delivery d = entry.delivery();
        Optional<LastAttempt> last = entry.lastAttempt();
        String code = last.map(a -> a.statusCode() != null ? a.statusCode().toString()
                : a.errorKind() == null ? "—" : a.errorKind().name().toLowerCase(Locale.ROOT)).orElse("—");
        return new LogRow(d.id().value(), d.eventType().value(), Times.of(d.createdAt(), now), Badge.of(d.status()),
                code, last.map(a -> Times.millis(a.duration())).orElse("—"), d.attempts(),
                d.status().canBeRetriedNow(), d.trigger() == dev.hookline.domain.delivery.AttemptTrigger.TEST,
                inFlight(d.status()));
    }

    static boolean inFlight(DeliveryStatus s) {
        return s == DeliveryStatus.PENDING || s == DeliveryStatus.SENDING || s == DeliveryStatus.RETRYING;
    }

    /** One attempt, expanded: what was sent and what came back. */
    public record AttemptView(int number, String trigger, Times.Shown started, String duration, Badge outcome,
                              String responseCode, List<Header> requestHeaders, List<Header> responseHeaders,
                              String responseBody, boolean truncated, String error) {
    }

    public record Header(String name, String value) {
    }

    public static AttemptView attempt(Attempt a, Instant now) {
        AttemptOutcome o = a.outcome();
        List<Header> request = a.requestHeaders().entrySet().stream().map(h -> new Header(h.getKey(), h.getValue()))
                .toList();
        Badge outcome = o.succeeded() ? new Badge("ok", "Succeeded", "2xx") : new Badge("bad", "Failed", "");
        if (o instanceof AttemptOutcome.Response r) {
            List<Header> response = new TreeMap<>(r.headers()).entrySet().stream()
                    .map(h -> new Header(h.getKey(), h.getValue())).toList();
            return new AttemptView(a.number(), a.trigger().name().toLowerCase(Locale.ROOT), Times.of(a.startedAt(), now),
                    Times.millis(a.duration()), outcome, Integer.toString(r.status()), request, response, r.body(),
                    r.bodyTruncated(), r.errorKind().map(k -> "redirects are not followed").orElse(null));
        }
        AttemptOutcome.Failure f = (AttemptOutcome.Failure) o;
        return new AttemptView(a.number(), a.trigger().name().toLowerCase(Locale.ROOT), Times.of(a.startedAt(), now),
                Times.millis(a.duration()), outcome, "—", request, List.of(), "", false,
                f.kind().name().toLowerCase(Locale.ROOT) + ": " + f.message());
    }
}
