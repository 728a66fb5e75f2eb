package dev.hookline.application.service;

import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.Subscription;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Endpoints in a list, for application tests. */
final class FakeEndpoints implements Endpoints {

    private final List<Endpoint> endpoints;

    FakeEndpoints(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void add(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    @Override
    public void update(Endpoint endpoint) {
        endpoints.replaceAll(e -> e.id().equals(endpoint.id()) ? endpoint : e);
    }

    @Override
    public Optional<Endpoint> find(AccountId account, EndpointId id) {
        return endpoints.stream().filter(e -> e.id().equals(id) && e.accountId().equals(account)).findFirst();
    }

    @Override
    public Map<EndpointId, Endpoint> findAll(Collection<EndpointId> ids) {
        Map<EndpointId, Endpoint> out = new HashMap<>();
        endpoints.stream().filter(e -> ids.contains(e.id())).forEach(e -> out.put(e.id(), e));
        return out;
    }

    @Override
    public List<Endpoint> ofAccount(AccountId account) {
        return endpoints.stream().filter(e -> e.accountId().equals(account)).toList();
    }

    @Override
    public List<Subscription> subscriptionsOf(AccountId account) {
        return ofAccount(account).stream().map(Endpoint::subscription).toList();
    }

    @Override
    public boolean delete(AccountId account, EndpointId id, Instant now) {
        boolean deleted = endpoints.removeIf(e -> e.id().equals(id) && e.accountId().equals(account));
        if (deleted) {
            markSwitched(id);
        }
        return deleted;
    }

    @Override
    public void purgeDeleted(EndpointId id) {
        purged.add(id);
        releasing.remove(id);
    }

    /** The ids of every {@link #purgeDeleted} call, in order. */
    final List<EndpointId> purged = new ArrayList<>();

    @Override
    public void recordHealth(List<HealthChange> changes) {
        for (HealthChange c : changes) {
            endpoints.replaceAll(e -> {
                if (!e.id().equals(c.endpoint())) {
                    return e;
                }
                var health = e.health().afterAttempt(c.delivery(), c.at());
                return new Endpoint(e.id(), e.accountId(), e.url(), e.description(), e.filter(), e.secrets(),
                        e.disablement(), health, e.rateLimit(), e.retryPolicy(), e.createdAt(), e.updatedAt());
            });
        }
    }

    @Override
    public List<Endpoint> autoDisableCandidates(Instant cutoff, int limit) {
        return endpoints.stream().filter(e -> e.enabled() && e.health().failingSince() != null
                && !e.health().failingSince().isAfter(cutoff) && e.health().exhaustedSinceSuccess()).limit(limit).toList();
    }

    private final Map<EndpointId, Long> releasing = new LinkedHashMap<>();

    /** The ids of every {@link #lockEnabled} call, in order. */
    final List<List<EndpointId>> locked = new ArrayList<>();
    /** Runs when {@link #lockEnabled} is called: a concurrent change the lock waited for. */
    Runnable whileLocking = () -> { };

    @Override
    public Set<EndpointId> lockEnabled(Collection<EndpointId> ids) {
        locked.add(List.copyOf(ids));
        whileLocking.run();
        return endpoints.stream().filter(e -> ids.contains(e.id()) && e.enabled()).map(Endpoint::id)
                .collect(Collectors.toSet());
    }

    @Override
    public void markSwitched(EndpointId endpoint) {
        releasing.merge(endpoint, 1L, Long::sum);
    }

    @Override
    public boolean unmarkSwitched(EndpointId endpoint, long mark) {
        return releasing.remove(endpoint, mark);
    }

    @Override
    public Map<EndpointId, Long> switched(int limit) {
        Map<EndpointId, Long> some = new LinkedHashMap<>();
        releasing.entrySet().stream().limit(limit).forEach(e -> some.put(e.getKey(), e.getValue()));
        return some;
    }
}
