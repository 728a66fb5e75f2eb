package dev.hookline.adapters.persistence.endpoint;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.adapters.persistence.SecretCipher;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.EndpointId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Singleton
class JdbcEndpoints implements Endpoints {

    /*
     * Health columns are left alone except on re-enable (stored row disabled, new value enabled),
     * where the failure streak starts over. SET expressions see the row as it was before the update.
     */
    private static final String UPDATE = """
            UPDATE endpoints SET
              consecutive_failures = CASE WHEN disabled_cause IS NOT NULL AND ? THEN 0 ELSE consecutive_failures END,
              failing_since = CASE WHEN disabled_cause IS NOT NULL AND ? THEN NULL ELSE failing_since END,
              exhausted_since_success = CASE WHEN disabled_cause IS NOT NULL AND ? THEN FALSE
                                             ELSE exhausted_since_success END,
              url = ?, description = ?, event_filter = ?, secrets = ?,
              disabled_cause = ?, disabled_reason = ?, disabled_at = ?,
              rate_limit = ?, retry_schedule = ?, retry_jitter = ?, updated_at = ?
            WHERE id = ?""";

    /* EndpointHealth.afterAttempt (+ afterExhausted), as one atomic statement per change. */
    private static final String RECORD_HEALTH = """
            UPDATE endpoints SET
              consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END,
              failing_since = CASE WHEN ? THEN NULL ELSE COALESCE(failing_since, ?) END,
              exhausted_since_success = CASE WHEN ? THEN FALSE ELSE (exhausted_since_success OR ?) END,
              last_attempt_at = ?
            WHERE id = ?""";

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
                ps.setBoolean(2, enabled);
                ps.setBoolean(3, enabled);
                ps.setString(4, row.url());
                ps.setString(5, row.description());
                ps.setString(6, row.eventFilter());
                ps.setString(7, row.secrets());
                ps.setString(8, row.disabledCause());
                ps.setString(9, row.disabledReason());
                Jdbc.setInstant(ps, 10, row.disabledAt());
                Jdbc.setInteger(ps, 11, row.rateLimit());
                ps.setString(12, row.retrySchedule());
                if (row.retryJitter() == null) {
                    ps.setNull(13, Types.DOUBLE);
                } else {
                    ps.setDouble(13, row.retryJitter());
                }
                Jdbc.setInstant(ps, 14, row.updatedAt());
                ps.setString(15, row.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Endpoint> find(AccountId account, EndpointId id) {
        return repository.findByIdAndAccountId(id.value(), account.value()).map(r -> r.toDomain(cipher));
    }

    @Override
    public Map<EndpointId, Endpoint> findAll(Collection<EndpointId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> distinct = ids.stream().map(EndpointId::value).distinct().toList();
        Map<EndpointId, Endpoint> found = new HashMap<>(distinct.size() * 2);
        for (EndpointRow row : repository.findByIdIn(distinct)) {
            Endpoint endpoint = row.toDomain(cipher);
            found.put(endpoint.id(), endpoint);
        }
        return found;
    }

    @Override
    public List<Endpoint> ofAccount(AccountId account) {
        return repository.findByAccountIdOrderByIdDesc(account.value()).stream().map(r -> r.toDomain(cipher)).toList();
    }

    @Override
    public boolean delete(AccountId account, EndpointId id) {
        return repository.deleteByIdAndAccountId(id.value(), account.value()) > 0;
    }

    @Override
    public void recordHealth(List<HealthChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // sorted by endpoint so concurrent batches lock rows in the same order; the sort is stable,
        // so the changes of one endpoint keep their order
        List<HealthChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(HealthChange::endpoint));
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(RECORD_HEALTH)) {
                for (HealthChange change : sorted) {
                    ps.setBoolean(1, change.succeeded());
                    ps.setBoolean(2, change.succeeded());
                    Jdbc.setInstant(ps, 3, change.at());
                    ps.setBoolean(4, change.succeeded());
                    ps.setBoolean(5, change.exhausted());
                    Jdbc.setInstant(ps, 6, change.at());
                    ps.setString(7, change.endpoint().value());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public List<Endpoint> autoDisableCandidates(Instant cutoff, int limit) {
        return repository.autoDisableCandidates(cutoff, limit).stream().map(r -> r.toDomain(cipher)).toList();
    }
}
