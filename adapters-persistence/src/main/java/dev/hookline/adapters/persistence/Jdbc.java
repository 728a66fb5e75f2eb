package dev.hookline.adapters.persistence;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Plain JDBC on the connection of the current transaction (or a connection of its own when there
 * is none), for the batch and compare-and-set statements Micronaut Data cannot express.
 */
@Singleton
public class Jdbc {

    /** The two stores Hookline runs on; both are spoken to in PostgreSQL syntax. */
    public enum Database { POSTGRESQL, H2 }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;
    private volatile Database database;

    public Jdbc(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** Runs {@code work} on the current connection (joining the caller's transaction, if any). */
    public <T> T withConnection(Work<T> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
        });
    }

    /** Runs one statement with {@code params} bound as in {@link #bind}; returns the rows it changed. */
    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Changes the rows {@code selectIds} finds (a query of one column, the id): on PostgreSQL as one
     * statement, {@code change} with {@code "id = ANY(ARRAY(" + selectIds + "))"} in place of {@code %s}; on
     * H2 by reading the ids first and running {@code change} with {@code "id = ?"} once per id in
     * one batch. H2 2.3 runs an {@code IN (SELECT … LIMIT n)} sub-query again for every row of the
     * table it updates: releasing 5,000 held deliveries of one endpoint took 8-17 s, 92% of it
     * there (async-profiler, bench backlog scenario). Parameters bind as in {@link #bind}: those of
     * {@code change} before the {@code %s}, then those of the query, then those after it.
     *
     * @return the number of rows changed
     */
    public int changeSelected(String change, List<Object> changeParams, String selectIds, List<Object> selectParams,
                              List<Object> trailingParams) {
        if (database() == Database.POSTGRESQL) {
            List<Object> all = new ArrayList<>(changeParams);
            all.addAll(selectParams);
            all.addAll(trailingParams);
            // "id = ANY(ARRAY(…))", not "id IN (…)": the sub-query then runs once, before the update
            // (an InitPlan). With "IN (SELECT … LIMIT n)" and statistics older than the rows (a
            // burst of inserts since the last ANALYZE) the planner may re-run the sub-query for every
            // row it scans: such an update of 1,000 rows ran 134 s in the benchmark (pg_stat_statements).
            return withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(change.formatted("id = ANY(ARRAY(" + selectIds + "))"))) {
                    bind(ps, all.toArray());
                    return ps.executeUpdate();
                }
            });
        }
        return withConnection(c -> changeEach(c, change, changeParams, strings(c, selectIds, selectParams.toArray()),
                trailingParams));
    }

    /**
     * {@code change} once per id, by primary key, {@code "id = ?"} in place of {@code %s}, as one
     * batch in ascending id order (one lock order for every changer: no deadlocks). Parameters bind
     * as in {@link #changeSelected}. Returns the number of rows changed.
     */
    public static int changeEach(Connection c, String change, List<Object> changeParams, List<String> ids,
                                 List<Object> trailingParams) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.naturalOrder());
        try (PreparedStatement ps = c.prepareStatement(change.formatted("id = ?"))) {
            for (String id : sorted) {
                List<Object> params = new ArrayList<>(changeParams);
                params.add(id);
                params.addAll(trailingParams);
                bind(ps, params.toArray());
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /** The first column of every row {@code sql} finds, parameters bound as in {@link #bind}. */
    public static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** Binds {@code params} in order: instants as timestamps, integers and longs, everything else as text. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                setInstant(ps, i + 1, instant);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }

    /** Which database this is, detected once from the driver's metadata. */
    public Database database() {
        Database known = database;
        if (known == null) {
            known = withConnection(c -> of(c.getMetaData().getDatabaseProductName()));
            database = known;
        }
        return known;
    }

    static Database of(String productName) {
        return productName.toLowerCase(Locale.ROOT).contains("postgres") ? Database.POSTGRESQL : Database.H2;
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    public static String placeholders(int n) {
        StringJoiner joiner = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            joiner.add("?");
        }
        return joiner.toString();
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    public static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static void setStrings(PreparedStatement ps, int from, Collection<String> values) throws SQLException {
        int i = from;
        for (String value : values) {
            ps.setString(i++, value);
        }
    }

    public static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            // SUCCESS_NO_INFO (-2) is not expected from H2 or PostgreSQL for plain updates
            total += Math.max(count, 0);
        }
        return total;
    }
}
