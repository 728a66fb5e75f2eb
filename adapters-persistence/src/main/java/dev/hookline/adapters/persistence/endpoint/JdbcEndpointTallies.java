package dev.hookline.adapters.persistence.endpoint;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.id.EndpointId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Singleton
class JdbcEndpointTallies implements EndpointTallies {

    private static final String COUNTS = "attempts, attempts_succeeded, attempt_ms, succeeded, failed";
    private static final String SUMS = "SUM(attempts) AS attempts, SUM(attempts_succeeded) AS attempts_succeeded,"
            + " SUM(attempt_ms) AS attempt_ms, SUM(succeeded) AS succeeded, SUM(failed) AS failed";
    private static final String ADD = """
            UPDATE endpoint_tallies SET attempts = attempts + ?, attempts_succeeded = attempts_succeeded + ?,
              attempt_ms = attempt_ms + ?, succeeded = succeeded + ?, failed = failed + ?
            WHERE endpoint_id = ? AND epoch_hour = ?""";
    private static final String INSERT = "INSERT INTO endpoint_tallies (" + COUNTS + ", endpoint_id, epoch_hour)"
            + " VALUES (" + Jdbc.placeholders(7) + ")";

    private final Jdbc jdbc;

    JdbcEndpointTallies(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds to the hours that have a row and inserts the others (an hour's first batch). Sorted by
     * endpoint and hour, so concurrent recorders lock rows in the same order; if two insert the same
     * new hour at once, the second fails on the primary key and its batch is stored again (then as
     * an update).
     */
    @Override
    public void add(Map<Hour, DeliveryTally> tallies) {
        if (tallies.isEmpty()) {
            return;
        }
        List<Map.Entry<Hour, DeliveryTally>> sorted = new ArrayList<>(tallies.entrySet());
        sorted.sort(Map.Entry.comparingByKey(Comparator.comparing(Hour::endpoint).thenComparingLong(Hour::epochHour)));
        jdbc.withConnection(c -> {
            int[] updated;
            try (PreparedStatement ps = c.prepareStatement(ADD)) {
                for (Map.Entry<Hour, DeliveryTally> e : sorted) {
                    bind(ps, e.getKey(), e.getValue());
                    ps.addBatch();
                }
                updated = ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                boolean any = false;
                for (int i = 0; i < sorted.size(); i++) {
                    if (updated[i] == 0) {
                        bind(ps, sorted.get(i).getKey(), sorted.get(i).getValue());
                        ps.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    ps.executeBatch();
                }
            }
            return sorted.size();
        });
    }

    private static void bind(PreparedStatement ps, Hour hour, DeliveryTally t) throws SQLException {
        ps.setLong(1, t.attempts());
        ps.setLong(2, t.attemptsSucceeded());
        ps.setLong(3, t.attemptMillis());
        ps.setLong(4, t.succeeded());
        ps.setLong(5, t.failed());
        ps.setString(6, hour.endpoint().value());
        ps.setLong(7, hour.epochHour());
    }

    @Override
    public void withdrawFailures(Map<Hour, Long> failures) {
        if (failures.isEmpty()) {
            return;
        }
        List<Map.Entry<Hour, Long>> sorted = new ArrayList<>(failures.entrySet());
        sorted.sort(Map.Entry.comparingByKey(Comparator.comparing(Hour::endpoint).thenComparingLong(Hour::epochHour)));
        jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE endpoint_tallies"
                    + " SET failed = CASE WHEN failed > ? THEN failed - ? ELSE 0 END WHERE endpoint_id = ? AND epoch_hour = ?")) {
                for (Map.Entry<Hour, Long> e : sorted) {
                    Jdbc.bind(ps, e.getValue(), e.getValue(), e.getKey().endpoint().value(), e.getKey().epochHour());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    @Override
    public Map<EndpointId, DeliveryTally> sumFrom(Collection<EndpointId> endpoints, long fromEpochHour) {
        List<String> ids = endpoints.stream().map(EndpointId::value).distinct().toList();
        Map<EndpointId, DeliveryTally> sums = new HashMap<>();
        if (ids.isEmpty()) {
            return sums;
        }
        return jdbc.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id, " + SUMS + " FROM endpoint_tallies"
                    + " WHERE endpoint_id IN (" + Jdbc.placeholders(ids.size()) + ") AND epoch_hour >= ?"
                    + " GROUP BY endpoint_id")) {
                Jdbc.setStrings(ps, 1, ids);
                ps.setLong(ids.size() + 1, fromEpochHour);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sums.put(new EndpointId(rs.getString("endpoint_id")), tally(rs));
                    }
                }
            }
            return sums;
        });
    }

    @Override
    public Map<Long, DeliveryTally> hoursFrom(EndpointId endpoint, long fromEpochHour) {
        return jdbc.withConnection(c -> {
            Map<Long, DeliveryTally> hours = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT epoch_hour, " + COUNTS + " FROM endpoint_tallies"
                    + " WHERE endpoint_id = ? AND epoch_hour >= ?")) {
                ps.setString(1, endpoint.value());
                ps.setLong(2, fromEpochHour);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hours.put(rs.getLong("epoch_hour"), tally(rs));
                    }
                }
            }
            return hours;
        });
    }

    private static DeliveryTally tally(ResultSet rs) throws SQLException {
        return new DeliveryTally(rs.getLong("attempts"), rs.getLong("attempts_succeeded"), rs.getLong("attempt_ms"),
                rs.getLong("succeeded"), rs.getLong("failed"));
    }

    @Override
    public int purgeBefore(long beforeEpochHour) {
        return jdbc.update("DELETE FROM endpoint_tallies WHERE epoch_hour < ?", beforeEpochHour);
    }
}
