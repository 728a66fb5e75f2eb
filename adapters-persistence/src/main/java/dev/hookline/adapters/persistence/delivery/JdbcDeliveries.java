package dev.hookline.adapters.persistence.delivery;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Deliveries.HeldClaim;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deliveries in plain JDBC: every bulk change is one statement or one JDBC batch, and every
 * status change is a compare-and-set on the stored status.
 */
@Singleton
class JdbcDeliveries implements Deliveries {

    private static final String INSERT = "INSERT INTO deliveries (" + DeliveryRow.COLUMNS + ") VALUES ("
            + Jdbc.placeholders(15) + ")";
    private static final String SELECT = "SELECT " + DeliveryRow.COLUMNS + " FROM deliveries";
    private static final String COMPLETE = "UPDATE deliveries SET " + DeliveryRow.STATE_ASSIGNMENTS
            + " WHERE id = ? AND status = 'SENDING'";
    private static final String UPDATE = "UPDATE deliveries SET " + DeliveryRow.STATE_ASSIGNMENTS
            + " WHERE id = ? AND status = ?";
    /**
     * The order of one endpoint's deliveries for a query with {@code endpoint_id = ?} and {@code id
     * > ?} ({@code ''} when from the first; in the claims of held deliveries, with {@code status =
     * 'HELD'} as well): H2 reads deliveries_endpoint in this order and stops at the limit (it reads
     * past the limit and sorts with "ORDER BY id": 2,501 rows read for 16 after a cursor in the
     * middle of 5,000, and without an id condition all of the endpoint's rows by its foreign key
     * index). PostgreSQL reads the same index the same way.
     */
    private static final String IN_ENDPOINT_ORDER = " ORDER BY endpoint_id, id";
    private static final String CLAIM_SET =
            "status = 'SENDING', lease_until = ?, due_at = ?, next_attempt_at = NULL, updated_at = ?";

    private final Jdbc jdbc;

    JdbcDeliveries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void addAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Delivery delivery : deliveries) {
                    DeliveryRow.fromDomain(delivery).bindAll(ps, 1);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    @Override
    public Optional<Delivery> find(AccountId account, DeliveryId id) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ? AND account_id = ? AND "
                    + JdbcDeliveryReports.liveEndpoint("deliveries"))) {
                ps.setString(1, id.value());
                ps.setString(2, account.value());
                List<Delivery> found = DeliveryRow.readAll(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded) {
        return claim(now, leaseUntil, limit, excluded, false);
    }

    @Override
    public List<Delivery> claimNewestDue(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded) {
        return claim(now, leaseUntil, limit, excluded, true);
    }

    private List<Delivery> claim(Instant now, Instant leaseUntil, int limit, Collection<EndpointId> excluded,
                                 boolean newestFirst) {
        if (limit < 1) {
            return List.of();
        }
        List<String> skip = excluded.stream().map(EndpointId::value).distinct().toList();
        return jdbc.database() == Jdbc.Database.POSTGRESQL
                ? jdbc.withConnection(c -> claimWithSkipLocked(c, now, leaseUntil, limit, skip, newestFirst))
                : jdbc.withConnection(c -> claimWithCompareAndSet(c, now, leaseUntil, limit, skip, newestFirst));
    }

    private static String notExcluded(List<String> skip) {
        return skip.isEmpty() ? "" : " AND endpoint_id NOT IN (" + Jdbc.placeholders(skip.size()) + ")";
    }

    /** PostgreSQL: lock the oldest due rows, skipping rows other claimers hold, and claim them in one statement. */
    private static List<Delivery> claimWithSkipLocked(Connection c, Instant now, Instant leaseUntil, int limit,
                                                      List<String> skip, boolean newestFirst) throws SQLException {
        String order = newestFirst ? " DESC" : "";
        // "id = ANY(ARRAY(…))", not a join with picked: on a table that grew since the last ANALYZE
        // the planner joined by a sequential scan of all deliveries (12-30 ms per claim, measured)
        String sql = "WITH picked AS (SELECT id, due_at AS was_due FROM deliveries WHERE due_at <= ?"
                + notExcluded(skip) + " ORDER BY due_at" + order + " LIMIT ? FOR UPDATE SKIP LOCKED),"
                + " claimed AS (UPDATE deliveries SET " + CLAIM_SET
                + " WHERE id = ANY(ARRAY(SELECT id FROM picked)) RETURNING deliveries.*)"
                + " SELECT claimed.*, picked.was_due FROM claimed JOIN picked ON picked.id = claimed.id"
                + " ORDER BY picked.was_due" + order + ", claimed.id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            Jdbc.setInstant(ps, i++, now);
            Jdbc.setStrings(ps, i, skip);
            i += skip.size();
            ps.setInt(i++, limit);
            Jdbc.setInstant(ps, i++, leaseUntil);
            Jdbc.setInstant(ps, i++, leaseUntil);
            Jdbc.setInstant(ps, i, now);
            return DeliveryRow.readAll(ps);
        }
    }

    /**
     * H2: {@code ORDER BY … FOR UPDATE SKIP LOCKED} collapses there, so select candidates without
     * locks, then claim each with a compare-and-set in sorted id order (unsorted batches deadlock
     * against each other); a row another claimer took meanwhile is no longer due and updates nothing.
     */
    private static List<Delivery> claimWithCompareAndSet(Connection c, Instant now, Instant leaseUntil, int limit,
                                                         List<String> skip, boolean newestFirst) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(now));
        params.addAll(skip);
        params.add(limit);
        List<String> candidates = Jdbc.strings(c, "SELECT id FROM deliveries WHERE due_at <= ?" + notExcluded(skip)
                + " ORDER BY due_at" + (newestFirst ? " DESC" : "") + " LIMIT ?", params.toArray());
        if (candidates.isEmpty()) {
            return List.of();
        }
        return claimEach(c, candidates, "due_at <= ? AND status IN ('PENDING', 'RETRYING', 'SENDING')", now,
                leaseUntil, now);
    }

    /**
     * H2: claims each of {@code candidates} with a compare-and-set on {@code condition} (with one
     * parameter, {@code dueBy}, or none when {@code null}), in sorted id order (unsorted batches
     * deadlock against each other); a row another claimer took meanwhile updates nothing. Returns
     * those claimed, in the order of {@code candidates}.
     */
    private static List<Delivery> claimEach(Connection c, List<String> candidates, String condition, Instant dueBy,
                                            Instant leaseUntil, Instant now) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.naturalOrder());
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET " + CLAIM_SET
                + " WHERE id = ? AND " + condition)) {
            for (String id : sorted) {
                Jdbc.setInstant(ps, 1, leaseUntil);
                Jdbc.setInstant(ps, 2, leaseUntil);
                Jdbc.setInstant(ps, 3, now);
                ps.setString(4, id);
                if (dueBy != null) {
                    Jdbc.setInstant(ps, 5, dueBy);
                }
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<String> won = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            if (counts[i] == 1) {
                won.add(sorted.get(i));
            }
        }
        if (won.isEmpty()) {
            return List.of();
        }
        Map<String, Delivery> byId = new HashMap<>(won.size() * 2);
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE id IN (" + Jdbc.placeholders(won.size()) + ")")) {
            Jdbc.setStrings(ps, 1, won);
            for (Delivery d : DeliveryRow.readAll(ps)) {
                byId.put(d.id().value(), d);
            }
        }
        List<Delivery> claimed = new ArrayList<>(byId.size());
        for (String id : candidates) {
            Delivery d = byId.get(id);
            if (d != null) {
                claimed.add(d);
            }
        }
        return claimed;
    }

    @Override
    public List<Delivery> claimHeld(List<HeldClaim> requests, Instant now, Instant leaseUntil) {
        List<HeldClaim> wanted = requests.stream().filter(r -> r.limit() > 0).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        if (jdbc.database() == Jdbc.Database.POSTGRESQL) {
            // One statement for every endpoint (the claimer waits for each round trip), a locking CTE
            // per endpoint: by the partial index deliveries_held_endpoint from its cursor ('' sorts
            // before every id). (Before V13 both this and a join with unnest(…) of the endpoints were
            // planned through the other held index whenever the statistics predated the backlog:
            // 200-300 ms per claim, auto_explain.) The update finds the locked rows by primary key;
            // they were HELD when locked, and stay so until this transaction ends.
            StringBuilder sql = new StringBuilder("WITH ");
            StringBuilder union = new StringBuilder();
            for (int i = 0; i < wanted.size(); i++) {
                sql.append("p").append(i).append(" AS (SELECT id FROM deliveries WHERE endpoint_id = ?")
                        .append(" AND status = 'HELD' AND id > ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED), ");
                union.append(i == 0 ? "" : " UNION ALL ").append("SELECT id FROM p").append(i);
            }
            sql.append("claimed AS (UPDATE deliveries SET ").append(CLAIM_SET).append(" WHERE id = ANY(ARRAY(")
                    .append(union).append(")) RETURNING deliveries.*) SELECT * FROM claimed ORDER BY endpoint_id, id");
            List<Object> params = new ArrayList<>();
            for (HeldClaim r : wanted) {
                params.addAll(List.of(r.endpoint().value(), r.after() == null ? "" : r.after().value(), r.limit()));
            }
            params.addAll(List.of(leaseUntil, leaseUntil, now));
            return jdbc.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    Jdbc.bind(ps, params.toArray());
                    return DeliveryRow.readAll(ps);
                }
            });
        }
        // H2 (in the process: a query per endpoint costs no round trip), by deliveries_endpoint
        List<HeldClaim> sorted = new ArrayList<>(wanted);
        sorted.sort(Comparator.comparing(r -> r.endpoint().value()));
        return jdbc.withConnection(c -> {
            List<Delivery> claimed = new ArrayList<>();
            for (HeldClaim r : sorted) {
                List<String> ids = Jdbc.strings(c, "SELECT id FROM deliveries WHERE endpoint_id = ? AND status = 'HELD'"
                        + " AND id > ?" + IN_ENDPOINT_ORDER + " LIMIT ?", r.endpoint().value(), r.after() == null ? "" : r.after().value(),
                        r.limit());
                claimed.addAll(claimEach(c, ids, "status = 'HELD'", null, leaseUntil, now));
            }
            return claimed;
        });
    }

    @Override
    public Optional<DeliveryId> firstHeld(EndpointId endpoint, DeliveryId from) {
        List<String> first = jdbc.withConnection(c -> Jdbc.strings(c, "SELECT id FROM deliveries WHERE endpoint_id = ?"
                + " AND status = 'HELD' AND id >= ?" + IN_ENDPOINT_ORDER + " LIMIT 1", endpoint.value(),
                from == null ? "" : from.value()));
        return first.stream().findFirst().map(DeliveryId::new);
    }

    @Override
    public int completeAll(List<Delivery> completed) {
        if (completed.isEmpty()) {
            return 0;
        }
        List<Delivery> sorted = new ArrayList<>(completed);
        sorted.sort(Comparator.comparing(Delivery::id));
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(COMPLETE)) {
                for (Delivery delivery : sorted) {
                    int next = DeliveryRow.fromDomain(delivery).bindState(ps, 1);
                    ps.setString(next, delivery.id().value());
                    ps.addBatch();
                }
                return Jdbc.sum(ps.executeBatch());
            }
        });
    }

    @Override
    public boolean update(Delivery delivery, DeliveryStatus expected) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                int next = DeliveryRow.fromDomain(delivery).bindState(ps, 1);
                ps.setString(next++, delivery.id().value());
                ps.setString(next, expected.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<DeliveryId> holdWaiting(EndpointId endpoint, DeliveryId after, Instant now, int limit) {
        return changeChunk(endpoint, "status IN ('PENDING', 'RETRYING')", after, limit,
                "UPDATE deliveries SET status = 'HELD', next_attempt_at = NULL, due_at = NULL, updated_at = ?",
                List.of(now));
    }

    @Override
    public List<DeliveryId> deleteOfEndpoint(EndpointId endpoint, DeliveryId after, int limit) {
        // attempts go with their delivery (ON DELETE CASCADE, by the attempts_delivery index)
        return changeChunk(endpoint, "TRUE", after, limit, "DELETE FROM deliveries", List.of());
    }

    /**
     * Runs {@code change} (an UPDATE … SET … or a DELETE, without WHERE) on the endpoint's rows
     * matching {@code which} with an id after {@code after}, in id order, at most {@code limit};
     * returns their ids in that order. The change repeats {@code which}, so a row that left it
     * meanwhile is not changed. In id order from the last chunk's end, so a chunk never reads the rows
     * changed before it (on PostgreSQL their old versions stay in the index until vacuum).
     */
    private List<DeliveryId> changeChunk(EndpointId endpoint, String which, DeliveryId after, int limit,
                                         String change, List<Object> params) {
        return jdbc.withConnection(c -> {
            List<String> ids = Jdbc.strings(c, "SELECT id FROM deliveries WHERE endpoint_id = ? AND " + which
                    + " AND id > ?" + IN_ENDPOINT_ORDER + " LIMIT ?", endpoint.value(),
                    after == null ? "" : after.value(), limit);
            if (ids.isEmpty()) {
                return List.of();
            }
            String where = change + " WHERE " + which + " AND %s";
            if (jdbc.database() == Jdbc.Database.POSTGRESQL) {
                try (PreparedStatement ps = c.prepareStatement(where.formatted("id = ANY(?)"))) {
                    Jdbc.bind(ps, params.toArray());
                    ps.setArray(params.size() + 1, c.createArrayOf("varchar", ids.toArray()));
                    ps.executeUpdate();
                }
            } else {
                Jdbc.changeEach(c, where, params, ids, List.of());
            }
            return ids.stream().map(DeliveryId::new).toList();
        });
    }

    @Override
    public int retryFailed(EndpointId endpoint, Instant since, Instant now) {
        return jdbc.update("UPDATE deliveries d SET status = 'PENDING', next_attempt_at = ?, due_at = ?,"
                + " attempt_limit = attempts + 1, triggered_by = 'MANUAL', updated_at = ?"
                + " WHERE endpoint_id = ? AND status IN ('FAILED', 'EXPIRED') AND created_at >= ? AND "
                + JdbcDeliveryReports.NOT_TEST,
                now, now, now, endpoint.value(), since);
    }

    @Override
    public Map<EndpointTallies.Hour, Long> countedFailures(EndpointId endpoint, Instant since) {
        // the rows retryFailed will change are locked first: a retry of one of them meanwhile (another
        // transaction) either went first (then it is no longer FAILED here) or waits for this one
        jdbc.withConnection(c -> Jdbc.strings(c, "SELECT id FROM deliveries WHERE endpoint_id = ?"
                + " AND status IN ('FAILED', 'EXPIRED') AND created_at >= ? FOR UPDATE", endpoint.value(), since));
        return countedFailures("d.endpoint_id = ? AND d.created_at >= ?", endpoint.value(), since);
    }

    @Override
    public Map<EndpointTallies.Hour, Long> countedFailure(DeliveryId delivery) {
        return countedFailures("d.id = ?", delivery.value());
    }

    /** The recorder counted a FAILED delivery in the hour its last attempt started (DeliveryTally.epochHour). */
    private Map<EndpointTallies.Hour, Long> countedFailures(String condition, Object... params) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT d.endpoint_id, MAX(a.started_at) AS last_started"
                    + " FROM deliveries d JOIN attempts a ON a.delivery_id = d.id"
                    + " WHERE " + condition + " AND d.status = 'FAILED' AND " + JdbcDeliveryReports.NOT_TEST
                    + " GROUP BY d.id, d.endpoint_id")) {
                Jdbc.bind(ps, params);
                Map<EndpointTallies.Hour, Long> hours = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hours.merge(new EndpointTallies.Hour(new EndpointId(rs.getString("endpoint_id")),
                                DeliveryTally.epochHour(Jdbc.getInstant(rs, "last_started"))), 1L, Long::sum);
                    }
                }
                return hours;
            }
        });
    }

    @Override
    public int expireHeld(Instant cutoff, Instant now, int limit) {
        return jdbc.changeSelected("UPDATE deliveries SET status = 'EXPIRED', updated_at = ? WHERE status = 'HELD' AND %s",
                List.of(now), "SELECT id FROM deliveries WHERE status = 'HELD' AND created_at < ? ORDER BY created_at LIMIT ?",
                List.of(cutoff, limit), List.of());
    }

    @Override
    public int purge(Instant cutoff, Instant expiredCutoff, int limit) {
        // attempts go with their delivery (ON DELETE CASCADE)
        int purged = jdbc.changeSelected("DELETE FROM deliveries WHERE %s AND status IN ('SUCCEEDED', 'FAILED')",
                List.of(), "SELECT id FROM deliveries WHERE status IN ('SUCCEEDED', 'FAILED') AND created_at < ?"
                        + " ORDER BY created_at LIMIT ?", List.of(cutoff, limit), List.of());
        if (purged >= limit) {
            return purged;
        }
        return purged + jdbc.changeSelected("DELETE FROM deliveries WHERE %s AND status = 'EXPIRED'",
                List.of(), "SELECT id FROM deliveries WHERE status = 'EXPIRED' AND created_at < ?"
                        + " ORDER BY created_at LIMIT ?", List.of(expiredCutoff, limit - purged), List.of());
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return jdbc.withConnection(c -> {
            // not MIN(due_at): H2 computes that by visiting every row of the table (6% of
            // Hookline's CPU in the H2 backlog benchmark, run every second); the first entry of the
            // due index is one look-up on both databases
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT due_at AS next_due FROM deliveries WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Jdbc.getInstant(rs, "next_due")) : Optional.empty();
            }
        });
    }

    @Override
    public Page<Delivery> ofEndpoint(AccountId account, EndpointId endpoint, Filter filter, PageRequest page) {
        // H2 takes the foreign key index on endpoint_id (it reads all of the endpoint's rows and
        // sorts them: 30,722 rows read for a page of 21) unless told to read deliveries_endpoint
        // backwards, which stops at the page (21 rows)
        StringBuilder sql = new StringBuilder(SELECT).append(jdbc.database() == Jdbc.Database.H2
                ? " USE INDEX (deliveries_endpoint)" : "").append(" WHERE endpoint_id = ? AND account_id = ?");
        List<Object> params = new ArrayList<>(List.of(endpoint.value(), account.value()));
        if (page.before() != null) {
            sql.append(" AND id < ?");
            params.add(page.before());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.eventType() != null) {
            sql.append(" AND event_type = ?");
            params.add(filter.eventType().value());
        }
        sql.append(" ORDER BY endpoint_id DESC, id DESC LIMIT ?");
        params.add(page.limit() + 1);
        List<Delivery> rows = jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Jdbc.bind(ps, params.toArray());
                return DeliveryRow.readAll(ps);
            }
        });
        return Page.of(rows, page.limit(), d -> d.id().value());
    }

    @Override
    public Set<DeliveryId> existing(Collection<DeliveryId> ids) {
        List<String> distinct = ids.stream().map(DeliveryId::value).distinct().toList();
        if (distinct.isEmpty()) {
            return Set.of();
        }
        List<String> found = jdbc.withConnection(c -> Jdbc.strings(c, "SELECT id FROM deliveries WHERE id IN ("
                + Jdbc.placeholders(distinct.size()) + ")", distinct.toArray()));
        return found.stream().map(DeliveryId::new).collect(Collectors.toSet());
    }

    @Override
    public int countOfEvent(EventId event) {
        // the unique index (event_id, endpoint_id) answers it
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE event_id = ?")) {
                ps.setString(1, event.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public Map<EndpointId, Long> countHeld(Collection<EndpointId> endpoints) {
        if (endpoints.isEmpty()) {
            return Map.of();
        }
        List<String> ids = endpoints.stream().map(EndpointId::value).distinct().toList();
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id, COUNT(*) FROM deliveries"
                    + " WHERE status = 'HELD' AND endpoint_id IN (" + Jdbc.placeholders(ids.size()) + ")"
                    + " GROUP BY endpoint_id")) {
                Jdbc.setStrings(ps, 1, ids);
                Map<EndpointId, Long> counts = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(new EndpointId(rs.getString(1)), rs.getLong(2));
                    }
                }
                return counts;
            }
        });
    }
}
