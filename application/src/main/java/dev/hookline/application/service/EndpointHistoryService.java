package dev.hookline.application.service;

import dev.hookline.application.port.in.DeliveryLogQueries;
import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.DeliveryQueries.DeliveryLogQuery;
import dev.hookline.application.port.in.EndpointHistoryQueries;
import dev.hookline.application.port.out.DeliveryReports.LastAttempt;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.DeliveryReports.DayBucket;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The endpoint page's history: daily success rate and response time, and the delivery log with outcomes. */
public final class EndpointHistoryService implements EndpointHistoryQueries, DeliveryLogQueries {

    private final Endpoints endpoints;
    private final DeliveryReports reports;
    private final DeliveryQueries deliveries;
    private final Clock clock;

    public EndpointHistoryService(Endpoints endpoints, DeliveryReports reports, DeliveryQueries deliveries,
                                  Clock clock) {
        this.endpoints = endpoints;
        this.reports = reports;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public Result<Page<LogEntry>> log(AccountId account, DeliveryLogQuery query) {
        Result<Page<Delivery>> page = deliveries.list(account, query);
        if (page instanceof Result.Rejected<Page<Delivery>> r) {
            return Result.rejected(r.problem());
        }
        Page<Delivery> found = page.orElseThrow();
        Map<DeliveryId, LastAttempt> last = reports.lastAttempts(found.items().stream().map(Delivery::id).toList());
        return Result.ok(new Page<>(found.items().stream()
                .map(d -> new LogEntry(d, Optional.ofNullable(last.get(d.id())))).toList(), found.nextCursor()));
    }

    @Override
    public Result<List<DayStats>> lastDays(AccountId account, String endpointId, int days) {
        if (days < 1 || days > MAX_DAYS) {
            return Result.rejected(Problem.invalid("days", "days must be between 1 and " + MAX_DAYS));
        }
        Optional<Endpoint> endpoint = EndpointId.isValid(endpointId)
                ? endpoints.find(account, new EndpointId(endpointId)) : Optional.empty();
        if (endpoint.isEmpty()) {
            return Result.rejected(Problem.notFound("webhook " + endpointId));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<Long, DayBucket> byDay = new HashMap<>();
        for (DayBucket bucket : reports.attemptsByDay(endpoint.get().id(),
                first.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            byDay.merge(bucket.epochDay(), bucket, (a, b) -> new DayBucket(a.epochDay(), a.attempts() + b.attempts(),
                    a.succeeded() + b.succeeded(), a.totalMillis() + b.totalMillis()));
        }
        List<DayStats> stats = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            DayBucket bucket = byDay.get(day.toEpochDay());
            if (bucket == null || bucket.attempts() == 0) {
                stats.add(new DayStats(day, 0, 0, Optional.empty()));
            } else {
                stats.add(new DayStats(day, bucket.attempts(), bucket.succeeded(),
                        Optional.of((double) bucket.totalMillis() / bucket.attempts())));
            }
        }
        return Result.ok(stats);
    }
}
