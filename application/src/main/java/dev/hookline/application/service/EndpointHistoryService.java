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
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.delivery.DeliveryTally;
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

    private static final long HOURS_PER_DAY = 24;

    private final Endpoints endpoints;
    private final DeliveryReports reports;
    private final EndpointTallies tallies;
    private final DeliveryQueries deliveries;
    private final Clock clock;

    public EndpointHistoryService(Endpoints endpoints, DeliveryReports reports, EndpointTallies tallies,
                                  DeliveryQueries deliveries, Clock clock) {
        this.endpoints = endpoints;
        this.reports = reports;
        this.tallies = tallies;
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
        Map<Long, DeliveryTally> byDay = new HashMap<>();
        tallies.hoursFrom(endpoint.get().id(), DeliveryTally.epochHour(first.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .forEach((hour, tally) -> byDay.merge(Math.floorDiv(hour, HOURS_PER_DAY), tally, DeliveryTally::plus));
        List<DayStats> stats = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            DeliveryTally tally = byDay.getOrDefault(day.toEpochDay(), DeliveryTally.NONE);
            stats.add(new DayStats(day, tally.attempts(), tally.attemptsSucceeded(), tally.averageMillis()));
        }
        return Result.ok(stats);
    }
}
