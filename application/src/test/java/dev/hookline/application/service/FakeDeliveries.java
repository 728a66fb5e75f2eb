package dev.hookline.application.service;

import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Deliveries in a list, following the port's semantics through the domain transitions. */
final class FakeDeliveries implements Deliveries {

    private final List<Delivery> deliveries;

    FakeDeliveries(List<Delivery> deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void addAll(List<Delivery> added) {
        deliveries.addAll(added);
    }

    @Override
    public Optional<Delivery> find(AccountId account, DeliveryId id) {
        return deliveries.stream().filter(d -> d.id().equals(id) && d.accountId().equals(account)).findFirst();
    }

    @Override
    public synchronized List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit,
                                                Collection<EndpointId> excluded) {
        return claim(now, leaseUntil, limit, excluded, DUE_AT);
    }

    @Override
    public synchronized List<Delivery> claimNewestDue(Instant now, Instant leaseUntil, int limit,
                                                      Collection<EndpointId> excluded) {
        return claim(now, leaseUntil, limit, excluded, DUE_AT.reversed());
    }

    private static final Comparator<Delivery> DUE_AT =
            Comparator.comparing(d -> d.status() == DeliveryStatus.SENDING ? d.leaseUntil() : d.nextAttemptAt());

    private List<Delivery> claim(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded,
                                 Comparator<Delivery> order) {
        List<Delivery> due = deliveries.stream()
                .filter(d -> d.isClaimable(now) && !excluded.contains(d.endpointId()))
                .sorted(order)
                .limit(limit).map(d -> d.claim(now, leaseUntil)).toList();
        due.forEach(this::replace);
        return due;
    }

    @Override
    public int completeAll(List<Delivery> completed) {
        int n = 0;
        for (Delivery d : completed) {
            n += update(d, DeliveryStatus.SENDING) ? 1 : 0;
        }
        return n;
    }

    @Override
    public synchronized boolean update(Delivery delivery, DeliveryStatus expected) {
        Optional<Delivery> stored = deliveries.stream().filter(d -> d.id().equals(delivery.id())).findFirst();
        if (stored.isEmpty() || stored.get().status() != expected) {
            return false;
        }
        replace(delivery);
        return true;
    }

    @Override
    public List<DeliveryId> holdWaiting(EndpointId endpoint, DeliveryId after, Instant now, int limit) {
        return chunk(endpoint, d -> d.status().isDue(), after, limit, d -> d.hold(now));
    }

    @Override
    public synchronized List<Delivery> claimHeld(List<HeldClaim> requests, Instant now, Instant leaseUntil) {
        List<Delivery> claimed = new ArrayList<>();
        requests.stream().sorted(Comparator.comparing(r -> r.endpoint().value())).forEach(r ->
                claimed.addAll(held(r.endpoint(), r.after()).stream().limit(r.limit())
                        .map(d -> d.claimHeld(now, leaseUntil)).toList()));
        claimed.forEach(this::replace);
        return claimed;
    }

    /** {@link #claimHeld(List, Instant, Instant)} of one endpoint. */
    List<Delivery> claimHeld(EndpointId endpoint, DeliveryId after, Instant now, Instant leaseUntil, int limit) {
        return claimHeld(List.of(new HeldClaim(endpoint, after, limit)), now, leaseUntil);
    }

    @Override
    public Optional<DeliveryId> firstHeld(EndpointId endpoint, DeliveryId from) {
        firstHeldCalls.add(from);
        return deliveries.stream()
                .filter(d -> d.endpointId().equals(endpoint) && d.status() == DeliveryStatus.HELD)
                .filter(d -> from == null || d.id().compareTo(from) >= 0)
                .map(Delivery::id).min(Comparator.naturalOrder());
    }

    private List<Delivery> held(EndpointId endpoint, DeliveryId after) {
        return deliveries.stream()
                .filter(d -> d.endpointId().equals(endpoint) && d.status() == DeliveryStatus.HELD)
                .filter(d -> after == null || d.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Delivery::id)).toList();
    }

    /** The {@code from} of every {@link #firstHeld} call, in order. */
    final List<DeliveryId> firstHeldCalls = new ArrayList<>();

    @Override
    public List<DeliveryId> deleteOfEndpoint(EndpointId endpoint, DeliveryId after, int limit) {
        List<DeliveryId> ids = chunk(endpoint, d -> true, after, limit, d -> d);
        deliveries.removeIf(d -> ids.contains(d.id()));
        return ids;
    }

    private List<DeliveryId> chunk(EndpointId endpoint, Predicate<Delivery> which, DeliveryId after, int limit,
                                   UnaryOperator<Delivery> change) {
        List<Delivery> some = deliveries.stream()
                .filter(d -> d.endpointId().equals(endpoint) && which.test(d))
                .filter(d -> after == null || d.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Delivery::id)).limit(limit).toList();
        releaseCalls.add(after);
        releasedEndpoints.add(endpoint);
        if (releaseCalls.size() == failReleaseCall) {
            throw new IllegalStateException("the database went away");
        }
        some.forEach(d -> replace(change.apply(d)));
        return some.stream().map(Delivery::id).toList();
    }

    /** The {@code after} of every {@link #holdWaiting} or {@link #deleteOfEndpoint} call, in order. */
    final List<DeliveryId> releaseCalls = new ArrayList<>();
    final List<EndpointId> releasedEndpoints = new ArrayList<>();
    /** The hold or delete call (counting from 1) that fails before it changes anything. */
    int failReleaseCall = -1;

    @Override
    public int retryFailed(EndpointId endpoint, Instant since, Instant now) {
        return each(endpoint, d -> d.status().isManuallyRetryable() && !d.createdAt().isBefore(since),
                d -> d.retryManually(now));
    }

    @Override
    public Map<EndpointTallies.Hour, Long> countedFailures(EndpointId endpoint, Instant since) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public Map<EndpointTallies.Hour, Long> countedFailure(DeliveryId delivery) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public int expireHeld(Instant cutoff, Instant now, int limit) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public int purge(Instant cutoff, Instant expiredCutoff, int limit) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return deliveries.stream().filter(d -> d.status().isDue() || d.status() == DeliveryStatus.SENDING)
                .map(d -> d.status() == DeliveryStatus.SENDING ? d.leaseUntil() : d.nextAttemptAt())
                .min(Comparator.naturalOrder());
    }

    @Override
    public Page<Delivery> ofEndpoint(AccountId account, EndpointId endpoint, Filter filter, PageRequest page) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public Set<DeliveryId> existing(Collection<DeliveryId> ids) {
        return deliveries.stream().map(Delivery::id).filter(ids::contains).collect(Collectors.toSet());
    }

    @Override
    public synchronized int countOfEvent(EventId event) {
        return (int) deliveries.stream().filter(d -> d.eventId().equals(event)).count();
    }

    /** How many deliveries of the endpoint are in each status (for the tests' assertions). */
    Map<DeliveryStatus, Long> countByStatus(EndpointId endpoint) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        deliveries.stream().filter(d -> d.endpointId().equals(endpoint)).forEach(d -> counts.merge(d.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public Map<EndpointId, Long> countHeld(Collection<EndpointId> endpoints) {
        return deliveries.stream().filter(d -> endpoints.contains(d.endpointId()) && d.status() == DeliveryStatus.HELD)
                .collect(Collectors.groupingBy(Delivery::endpointId, Collectors.counting()));
    }

    private int each(EndpointId endpoint, Predicate<Delivery> which,
                     UnaryOperator<Delivery> change) {
        List<Delivery> matching = deliveries.stream().filter(d -> d.endpointId().equals(endpoint) && which.test(d)).toList();
        matching.forEach(d -> replace(change.apply(d)));
        return matching.size();
    }

    private void replace(Delivery updated) {
        deliveries.replaceAll(d -> d.id().equals(updated.id()) ? updated : d);
    }
}
