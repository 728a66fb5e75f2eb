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
import java.util.Collection;
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
