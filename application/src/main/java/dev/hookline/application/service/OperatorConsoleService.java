package dev.hookline.application.service;

import dev.hookline.application.port.in.OperatorConsoleUseCase;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.DeliveryReports.FailedDelivery;
import dev.hookline.application.port.out.DeliveryReports.FailedQuery;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.PrefixedIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The operator console. "Retry all matching" runs on the given executor in batches of
 * {@link #BATCH}: each delivery goes through {@link RetryDeliveryUseCase#retry} (its own
 * compare-and-set transaction, the same rules as a merchant's retry), so a run never holds a
 * long transaction and deliveries start flowing while it is still going.
 */
public final class OperatorConsoleService implements OperatorConsoleUseCase {

    static final int BATCH = 100;
    private static final int KEPT_RUNS = 20;

    private final DeliveryReports reports;
    private final RetryDeliveryUseCase retries;
    private final Executor executor;
    private final Clock clock;
    private final Map<String, BulkRetry> runs = new ConcurrentHashMap<>();

    public OperatorConsoleService(DeliveryReports reports, RetryDeliveryUseCase retries, Executor executor,
                                  Clock clock) {
        this.reports = reports;
        this.retries = retries;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Result<Page<FailedDelivery>> failed(FailedFilter filter, String cursor, int limit) {
        Result<FailedQuery> query = query(filter);
        if (query instanceof Result.Rejected<FailedQuery> r) {
            return Result.rejected(r.problem());
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            return Result.rejected(Problem.invalid("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT));
        }
        String before = cursor == null || cursor.isBlank() ? null : cursor.trim();
        if (before != null && !DeliveryId.isValid(before)) {
            return Result.rejected(Problem.invalid("cursor", "cursor is not one this page returned"));
        }
        return Result.ok(reports.failed(query.orElseThrow(), new PageRequest(before, limit)));
    }

    @Override
    public Result<Delivery> retry(String deliveryId) {
        Optional<Delivery> delivery = DeliveryId.isValid(deliveryId)
                ? reports.findAnyAccount(new DeliveryId(deliveryId)) : Optional.empty();
        if (delivery.isEmpty()) {
            return Result.rejected(Problem.notFound("delivery " + deliveryId));
        }
        return retries.retry(delivery.get().accountId(), deliveryId);
    }

    @Override
    public Result<BulkRetry> retryAllMatching(FailedFilter filter) {
        Result<FailedQuery> parsed = query(filter);
        if (parsed instanceof Result.Rejected<FailedQuery> r) {
            return Result.rejected(r.problem());
        }
        Instant now = clock.instant();
        FailedQuery q = parsed.orElseThrow();
        // only what exists now: deliveries created later are not part of this run
        Instant upTo = q.to() == null || q.to().isAfter(now) ? now.plusMillis(1) : q.to();
        FailedQuery query = new FailedQuery(q.account(), q.endpoint(), q.eventType(), q.from(), upTo);
        BulkRetry run = new BulkRetry(PrefixedIds.next("run"), filter, now, reports.countFailed(query), 0, 0, false,
                Optional.empty());
        runs.put(run.id(), run);
        forgetOldRuns();
        executor.execute(() -> process(run.id(), query));
        return Result.ok(runs.get(run.id()));
    }

    private void process(String runId, FailedQuery query) {
        DeliveryId cursor = null;
        try {
            while (true) {
                List<Delivery> batch = reports.failedAfter(query, cursor, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                long retried = 0;
                long skipped = 0;
                String problem = null;
                for (Delivery delivery : batch) {
                    Result<Delivery> result = retries.retry(delivery.accountId(), delivery.id().value());
                    if (result instanceof Result.Ok<Delivery>) {
                        retried++;
                    } else {
                        skipped++;
                        problem = ((Result.Rejected<Delivery>) result).problem().message();
                    }
                }
                cursor = batch.get(batch.size() - 1).id();
                long r = retried;
                long s = skipped;
                Optional<String> p = Optional.ofNullable(problem);
                runs.computeIfPresent(runId, (id, run) -> new BulkRetry(id, run.filter(), run.startedAt(),
                        Math.max(run.matched(), run.processed() + r + s), run.retried() + r, run.skipped() + s, false,
                        p.or(run::lastProblem)));
                if (batch.size() < BATCH) {
                    break;
                }
            }
        } finally {
            runs.computeIfPresent(runId, (id, run) -> new BulkRetry(id, run.filter(), run.startedAt(), run.matched(),
                    run.retried(), run.skipped(), true, run.lastProblem()));
        }
    }

    private void forgetOldRuns() {
        if (runs.size() <= KEPT_RUNS) {
            return;
        }
        runs.values().stream().filter(BulkRetry::finished).sorted(Comparator.comparing(BulkRetry::startedAt))
                .limit(runs.size() - KEPT_RUNS).map(BulkRetry::id).toList().forEach(runs::remove);
    }

    @Override
    public Optional<BulkRetry> bulkRetry(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(runs.get(id));
    }

    @Override
    public List<BulkRetry> recentBulkRetries() {
        List<BulkRetry> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(BulkRetry::startedAt).thenComparing(BulkRetry::id).reversed());
        return all;
    }

    @Override
    public QueueHealth queueHealth() {
        Instant now = clock.instant();
        return new QueueHealth(reports.queueDepth(now), reports.throughputSince(now.minus(Duration.ofMinutes(1))), now);
    }

    private static Result<FailedQuery> query(FailedFilter filter) {
        FailedFilter f = filter == null ? FailedFilter.any() : filter;
        AccountId account = null;
        if (present(f.accountId())) {
            if (!AccountId.isValid(f.accountId().trim())) {
                return Result.rejected(Problem.invalid("account", "account must be an account id (acc_…)"));
            }
            account = new AccountId(f.accountId().trim());
        }
        EndpointId endpoint = null;
        if (present(f.endpointId())) {
            if (!EndpointId.isValid(f.endpointId().trim())) {
                return Result.rejected(Problem.invalid("endpoint", "endpoint must be a webhook id (wh_…)"));
            }
            endpoint = new EndpointId(f.endpointId().trim());
        }
        EventTypeName type = null;
        if (present(f.eventType())) {
            if (!EventTypeName.isValid(f.eventType().trim())) {
                return Result.rejected(Problem.invalid("event_type",
                        "event_type must be an event type name like payment.failed"));
            }
            type = new EventTypeName(f.eventType().trim());
        }
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            return Result.rejected(Problem.invalid("to", "to must be later than from"));
        }
        return Result.ok(new FailedQuery(account, endpoint, type, f.from(), f.to()));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
