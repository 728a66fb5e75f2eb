package dev.hookline.application.service;

import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Reports over a list of deliveries, following the port's semantics. */
final class FakeDeliveryReports implements DeliveryReports {

    final List<Delivery> deliveries;
    int failedAfterCalls;

    FakeDeliveryReports(List<Delivery> deliveries) {
        this.deliveries = deliveries;
    }

    private static Predicate<Delivery> matching(FailedQuery q) {
        return d -> (d.status() == DeliveryStatus.FAILED || d.status() == DeliveryStatus.EXPIRED)
                && (q.account() == null || d.accountId().equals(q.account()))
                && (q.endpoint() == null || d.endpointId().equals(q.endpoint()))
                && (q.eventType() == null || d.eventType().equals(q.eventType()))
                && (q.from() == null || !d.createdAt().isBefore(q.from()))
                && (q.to() == null || d.createdAt().isBefore(q.to()));
    }

    @Override
    public synchronized Page<FailedDelivery> failed(FailedQuery query, PageRequest page) {
        List<FailedDelivery> rows = deliveries.stream().filter(matching(query))
                .filter(d -> page.before() == null || d.id().value().compareTo(page.before()) < 0)
                .sorted(Comparator.comparing(Delivery::id).reversed()).limit(page.limit() + 1L)
                .map(d -> new FailedDelivery(d, "Account", "https://example.com")).toList();
        return Page.of(rows, page.limit(), f -> f.delivery().id().value());
    }

    @Override
    public synchronized long countFailed(FailedQuery query) {
        return deliveries.stream().filter(matching(query)).count();
    }

    @Override
    public synchronized List<Delivery> failedAfter(FailedQuery query, DeliveryId after, int limit) {
        failedAfterCalls++;
        return deliveries.stream().filter(matching(query)).filter(d -> after == null || d.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Delivery::id)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Delivery> findAnyAccount(DeliveryId id) {
        return deliveries.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public QueueDepth queueDepth(Instant now) {
        return new QueueDepth(0, 0, 0, 0, 0);
    }

    @Override
    public Throughput throughputSince(Instant since) {
        return new Throughput(0, 0, 0);
    }

    @Override
    public Map<DeliveryId, LastAttempt> lastAttempts(Collection<DeliveryId> ids) {
        return Map.of();
    }
}
