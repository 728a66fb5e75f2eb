package dev.hookline.adapters.persistence.delivery;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import dev.hookline.domain.delivery.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pages' reports in plain SQL that PostgreSQL and H2 (PostgreSQL mode) both run. Time windows
 * over attempts use the time-ordered attempt ids ({@code att_} + ULID), so they are primary-key
 * range scans rather than full scans.
 */
@Singleton
class JdbcDeliveryReports implements DeliveryReports {

    private static final String D_COLUMNS = Arrays.stream(DeliveryRow.COLUMNS.split(","))
            .map(c -> "d." + c.trim()).collect(Collectors.joining(", "));
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Jdbc jdbc;

    JdbcDeliveryReports(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The smallest id with this prefix made at or after {@code time} (see {@code PrefixedIds}). */
    static String lowestIdAt(String prefix, Instant time) {
        long millis = Math.max(0, time.toEpochMilli());
        char[] out = new char[26];
        Arrays.fill(out, '0');
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        return prefix + "_" + new String(out);
    }

    /** The WHERE clause (after {@code WHERE}) and its parameters for a failed-deliveries query. */
    private record Where(String sql, List<Object> params) {
    }

    /** Deliveries of a real event, not of a test event (a test delivery retried by hand is still one). */
    static final String NOT_TEST = "NOT EXISTS (SELECT 1 FROM events te WHERE te.id = d.event_id AND te.test)";
    private static final String LIVE = liveEndpoint("d");

    /** The endpoint of the deliveries row {@code row} (an alias or the table's name) is not deleted. */
    static String liveEndpoint(String row) {
        return "EXISTS (SELECT 1 FROM endpoints le WHERE le.id = " + row + ".endpoint_id AND le.deleted_at IS NULL)";
    }

    private static Where where(FailedQuery q) {
        // test events' deliveries are the merchant's trial runs, shown in their own log only
        StringBuilder sql = new StringBuilder("d.status IN ('FAILED', 'EXPIRED') AND " + NOT_TEST + " AND " + LIVE);
        List<Object> params = new ArrayList<>();
        if (q.account() != null) {
            sql.append(" AND d.account_id = ?");
            params.add(q.account().value());
        }
        if (q.endpoint() != null) {
            sql.append(" AND d.endpoint_id = ?");
            params.add(q.endpoint().value());
        }
        if (q.eventType() != null) {
            sql.append(" AND d.event_type = ?");
            params.add(q.eventType().value());
        }
        if (q.from() != null) {
            sql.append(" AND d.created_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND d.created_at < ?");
            params.add(q.to());
        }
        return new Where(sql.toString(), params);
    }

    @Override
    public Page<FailedDelivery> failed(FailedQuery query, PageRequest page) {
        Where where = where(query);
        List<Object> params = new ArrayList<>(where.params());
        String cursor = "";
        if (page.before() != null) {
            cursor = " AND d.id < ?";
            params.add(page.before());
        }
        params.add(page.limit() + 1);
        String sql = "SELECT " + D_COLUMNS + ", e.url AS endpoint_url, acc.name AS account_name"
                + " FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id JOIN accounts acc ON acc.id = d.account_id"
                + " WHERE " + where.sql() + cursor + " ORDER BY d.id DESC LIMIT ?";
        List<FailedDelivery> rows = jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, params.toArray());
                List<FailedDelivery> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new FailedDelivery(DeliveryRow.read(rs).toDomain(), rs.getString("account_name"),
                                rs.getString("endpoint_url")));
                    }
                }
                return found;
            }
        });
        return Page.of(rows, page.limit(), f -> f.delivery().id().value());
    }

    @Override
    public long countFailed(FailedQuery query) {
        Where where = where(query);
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deliveries d WHERE " + where.sql())) {
                Jdbc.bind(ps, where.params().toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Delivery> failedAfter(FailedQuery query, DeliveryId after, int limit) {
        Where where = where(query);
        List<Object> params = new ArrayList<>(where.params());
        String cursor = "";
        if (after != null) {
            cursor = " AND d.id > ?";
            params.add(after.value());
        }
        params.add(limit);
        String sql = "SELECT " + D_COLUMNS + " FROM deliveries d WHERE " + where.sql() + cursor
                + " ORDER BY d.id LIMIT ?";
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, params.toArray());
                return DeliveryRow.readAll(ps);
            }
        });
    }

    @Override
    public Optional<Delivery> findAnyAccount(DeliveryId id) {
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + D_COLUMNS + " FROM deliveries d WHERE d.id = ? AND "
                    + LIVE)) {
                ps.setString(1, id.value());
                List<Delivery> found = DeliveryRow.readAll(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public QueueDepth queueDepth(Instant now) {
        String sql = """
                SELECT SUM(CASE WHEN status IN ('PENDING', 'RETRYING') AND due_at <= ? THEN 1 ELSE 0 END) AS due,
                       SUM(CASE WHEN status IN ('PENDING', 'RETRYING') AND due_at > ? THEN 1 ELSE 0 END) AS scheduled,
                       SUM(CASE WHEN status = 'RETRYING' THEN 1 ELSE 0 END) AS retrying,
                       SUM(CASE WHEN status = 'HELD' THEN 1 ELSE 0 END) AS held,
                       SUM(CASE WHEN status = 'SENDING' THEN 1 ELSE 0 END) AS sending
                FROM %s""".formatted(jdbc.database() == Jdbc.Database.POSTGRESQL
                // PostgreSQL has no index on status (V4): the due queue and the held rows have partial ones
                ? "(SELECT status, due_at FROM deliveries WHERE due_at IS NOT NULL"
                        + " UNION ALL SELECT status, due_at FROM deliveries WHERE status = 'HELD') open"
                : "deliveries WHERE status IN ('PENDING', 'RETRYING', 'HELD', 'SENDING')");
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.setInstant(ps, 1, now);
                Jdbc.setInstant(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new QueueDepth(rs.getLong("due"), rs.getLong("scheduled"), rs.getLong("retrying"),
                            rs.getLong("held"), rs.getLong("sending"));
                }
            }
        });
    }

    @Override
    public Throughput throughputSince(Instant since) {
        // an attempt finished its delivery when it is the delivery's last and left it SUCCEEDED or
        // FAILED (as the endpoint tallies count them, V9)
        String last = "a.attempt_number = d.attempts AND d.status ";
        String sql = "SELECT COUNT(*) AS n,"
                + " SUM(CASE WHEN " + last + "IN ('SUCCEEDED', 'FAILED') THEN 1 ELSE 0 END) AS finished,"
                + " SUM(CASE WHEN " + last + "= 'SUCCEEDED' THEN 1 ELSE 0 END) AS succeeded"
                + " FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE a.id >= ? AND a.started_at >= ?";
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, lowestIdAt("att", since));
                Jdbc.setInstant(ps, 2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Throughput(rs.getLong("finished"), rs.getLong("succeeded"), rs.getLong("n"));
                }
            }
        });
    }

    @Override
    public Map<DeliveryId, LastAttempt> lastAttempts(Collection<DeliveryId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> values = ids.stream().map(DeliveryId::value).distinct().toList();
        String sql = "SELECT delivery_id, attempt_number, duration_ms, response_status, error_kind FROM attempts"
                + " WHERE delivery_id IN (" + Jdbc.placeholders(values.size()) + ") ORDER BY delivery_id, id";
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.setStrings(ps, 1, values);
                Map<DeliveryId, LastAttempt> last = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String kind = rs.getString("error_kind");
                        last.put(new DeliveryId(rs.getString("delivery_id")), new LastAttempt(
                                rs.getInt("attempt_number"), Duration.ofMillis(rs.getLong("duration_ms")),
                                Jdbc.getInteger(rs, "response_status"), kind == null ? null : ErrorKind.valueOf(kind)));
                    }
                }
                return last;
            }
        });
    }

}
