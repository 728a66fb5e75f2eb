package dev.hookline.adapters.persistence.endpoint;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.adapters.persistence.SecretCipher;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.Subscription;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.id.EndpointId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

@Singleton
class JdbcEndpoints implements Endpoints {

    /*
     * Health columns are left alone except on re-enable (stored row disabled, new value enabled),
     * where the auto-disable clock starts over (EndpointHealth.restarted): a failing endpoint still
     * shows as failing, but gets the whole period again. SET expressions see the row as it was
     * before the update.
     */
    private static final String UPDATE = """
            UPDATE endpoints SET
              failing_since = CASE WHEN disabled_cause IS NOT NULL AND ? AND failing_since IS NOT NULL THEN ?
                                   ELSE failing_since END,
              url = ?, description = ?, event_filter = ?, secrets = ?,
              disabled_cause = ?, disabled_reason = ?, disabled_at = ?,
              rate_limit = ?, retry_schedule = ?, retry_jitter = ?, updated_at = ?
            WHERE id = ?""";

    /**
     * EndpointHealth.afterAttempt for the changes of one batch for one endpoint, folded into one
     * atomic statement: when the batch holds a success, the state restarts from it (parameter 1 true)
     * with the failures after it; otherwise the failures add to the stored state.
     */
    private static final String RECORD_HEALTH = """
            UPDATE endpoints SET
              consecutive_failures = CASE WHEN ? THEN ? ELSE consecutive_failures + ? END,
              failing_since = CASE WHEN ? THEN ? ELSE COALESCE(failing_since, ?) END,
              exhausted_since_success = CASE WHEN ? THEN ? ELSE (exhausted_since_success OR ?) END,
              last_attempt_at = ?,
              last_delivery_status = ?
            WHERE id = ?""";

    /** Parsed event filters by their stored text: publishing reads every subscription's filter. */
    private final Map<String, EventFilter> filters = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_FILTERS = 10_000;

    private final EndpointRepository repository;
    private final Jdbc jdbc;
    private final SecretCipher cipher;

    JdbcEndpoints(EndpointRepository repository, Jdbc jdbc, SecretCipher cipher) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void add(Endpoint endpoint) {
        repository.save(EndpointRow.fromDomain(endpoint, cipher));
    }

    @Override
    public void update(Endpoint endpoint) {
        EndpointRow row = EndpointRow.fromDomain(endpoint, cipher);
        boolean enabled = endpoint.enabled();
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setBoolean(1, enabled);
                Jdbc.setInstant(ps, 2, row.updatedAt());
                ps.setString(3, row.url());
                ps.setString(4, row.description());
                ps.setString(5, row.eventFilter());
                ps.setString(6, row.secrets());
                ps.setString(7, row.disabledCause());
                ps.setString(8, row.disabledReason());
                Jdbc.setInstant(ps, 9, row.disabledAt());
                Jdbc.setInteger(ps, 10, row.rateLimit());
                ps.setString(11, row.retrySchedule());
                if (row.retryJitter() == null) {
                    ps.setNull(12, Types.DOUBLE);
                } else {
                    ps.setDouble(12, row.retryJitter());
                }
                Jdbc.setInstant(ps, 13, row.updatedAt());
                ps.setString(14, row.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Endpoint> find(AccountId account, EndpointId id) {
        return repository.findLive(id.value(), account.value()).map(r -> r.toDomain(cipher));
    }

    @Override
    public Map<EndpointId, Endpoint> findAll(Collection<EndpointId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> distinct = ids.stream().map(EndpointId::value).distinct().toList();
        Map<EndpointId, Endpoint> found = new HashMap<>(distinct.size() * 2);
        for (EndpointRow row : repository.findLiveIn(distinct)) {
            Endpoint endpoint = row.toDomain(cipher);
            found.put(endpoint.id(), endpoint);
        }
        return found;
    }

    @Override
    public List<Endpoint> ofAccount(AccountId account) {
        return repository.findLiveOfAccount(account.value()).stream().map(r -> r.toDomain(cipher)).toList();
    }

    @Override
    public List<Subscription> subscriptionsOf(AccountId account) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, event_filter, disabled_cause, retry_schedule,"
                    + " retry_jitter FROM endpoints WHERE account_id = ? AND deleted_at IS NULL ORDER BY id DESC")) {
                ps.setString(1, account.value());
                List<Subscription> subscriptions = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String schedule = rs.getString("retry_schedule");
                        double jitter = rs.getDouble("retry_jitter");
                        subscriptions.add(new Subscription(new EndpointId(rs.getString("id")),
                                filters.computeIfAbsent(rs.getString("event_filter"), EndpointRow::parseFilter),
                                rs.getString("disabled_cause") == null,
                                schedule == null ? null : new RetryPolicy(RetryPolicy.parseSchedule(schedule), jitter)));
                    }
                }
                if (filters.size() > MAX_CACHED_FILTERS) {
                    filters.clear();
                }
                return subscriptions;
            }
        });
    }

    @Override
    public boolean delete(AccountId account, EndpointId id, Instant now) {
        // marked too, so the housekeeping job deletes its deliveries and then the row
        return jdbc.update("UPDATE endpoints SET deleted_at = ?, held_release = held_release + 1"
                + " WHERE id = ? AND account_id = ? AND deleted_at IS NULL", now, id.value(), account.value()) > 0;
    }

    @Override
    public void purgeDeleted(EndpointId id) {
        jdbc.update("DELETE FROM endpoints WHERE id = ? AND deleted_at IS NOT NULL", id.value());
    }

    @Override
    public void recordHealth(List<HealthChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // one update per endpoint, not per attempt; sorted by endpoint so concurrent batches lock
        // rows in the same order
        Map<EndpointId, HealthFold> folds = new TreeMap<>();
        for (HealthChange change : changes) {
            folds.computeIfAbsent(change.endpoint(), id -> new HealthFold()).add(change);
        }
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(RECORD_HEALTH)) {
                for (Map.Entry<EndpointId, HealthFold> e : folds.entrySet()) {
                    HealthFold f = e.getValue();
                    ps.setBoolean(1, f.restarted);
                    ps.setInt(2, f.failures);
                    ps.setInt(3, f.failures);
                    ps.setBoolean(4, f.restarted);
                    Jdbc.setInstant(ps, 5, f.firstFailureAt);
                    Jdbc.setInstant(ps, 6, f.firstFailureAt);
                    ps.setBoolean(7, f.restarted);
                    ps.setBoolean(8, f.exhausted);
                    ps.setBoolean(9, f.exhausted);
                    Jdbc.setInstant(ps, 10, f.lastAt);
                    ps.setString(11, f.lastDelivery.name());
                    ps.setString(12, e.getKey().value());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /**
     * Changes of one endpoint applied in order, as {@code EndpointHealth} would one by one: a
     * success resets failures, failing-since and the exhausted flag; a failure counts, starts
     * failing-since if unset, and ors in its exhaustion.
     */
    private static final class HealthFold {
        boolean restarted;
        int failures;
        Instant firstFailureAt;
        boolean exhausted;
        Instant lastAt;
        DeliveryStatus lastDelivery;

        void add(HealthChange change) {
            if (change.delivery() == DeliveryStatus.SUCCEEDED) {
                restarted = true;
                failures = 0;
                firstFailureAt = null;
                exhausted = false;
            } else {
                failures++;
                if (firstFailureAt == null) {
                    firstFailureAt = change.at();
                }
                exhausted |= change.delivery() == DeliveryStatus.FAILED;
            }
            lastAt = change.at();
            lastDelivery = change.delivery();
        }
    }

    @Override
    public List<Endpoint> autoDisableCandidates(Instant cutoff, int limit) {
        return repository.autoDisableCandidates(cutoff, limit).stream().map(r -> r.toDomain(cipher)).toList();
    }

    @Override
    public void markSwitched(EndpointId endpoint) {
        jdbc.update("UPDATE endpoints SET held_release = held_release + 1 WHERE id = ?", endpoint.value());
    }

    @Override
    public boolean unmarkSwitched(EndpointId endpoint, long mark) {
        return jdbc.update("UPDATE endpoints SET held_release = 0 WHERE id = ? AND held_release = ?",
                endpoint.value(), mark) > 0;
    }

    @Override
    public Set<EndpointId> lockEnabled(Collection<EndpointId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> sorted = ids.stream().map(EndpointId::value).distinct().sorted().toList();
        return jdbc.withConnection(c -> {
            // every row, not only enabled ones: a row being enabled by an open transaction must be
            // waited for, and a condition on the state would skip it on its old (disabled) version
            Set<EndpointId> enabled = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, disabled_cause, deleted_at FROM endpoints"
                    + " WHERE id IN (" + Jdbc.placeholders(sorted.size()) + ") ORDER BY id FOR UPDATE")) {
                Jdbc.setStrings(ps, 1, sorted);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // a deleted endpoint is not enabled: its deliveries go with it
                        if (rs.getString("disabled_cause") == null && rs.getTimestamp("deleted_at") == null) {
                            enabled.add(new EndpointId(rs.getString("id")));
                        }
                    }
                }
            }
            return enabled;
        });
    }

    @Override
    public Map<EndpointId, Long> switched(int limit) {
        return jdbc.withConnection(c -> {
            Map<EndpointId, Long> marked = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, held_release FROM endpoints WHERE held_release > 0 ORDER BY updated_at, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marked.put(new EndpointId(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return marked;
        });
    }
}
