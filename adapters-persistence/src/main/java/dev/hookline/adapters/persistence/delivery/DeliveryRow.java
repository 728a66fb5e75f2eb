package dev.hookline.adapters.persistence.delivery;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery row. {@code dueAt} is the due queue: {@code nextAttemptAt} while PENDING/RETRYING,
 * {@code leaseUntil} while SENDING, {@code null} otherwise.
 */
record DeliveryRow(String id, String accountId, String eventId, String endpointId, String eventType, String status,
                   int attempts, int attemptLimit, Instant nextAttemptAt, Instant leaseUntil, Instant dueAt,
                   Integer lastStatusCode, String triggeredBy, Instant createdAt, Instant updatedAt) {

    /** Every column, in {@link #bindAll} order. */
    static final String COLUMNS = "id, account_id, event_id, endpoint_id, event_type, created_at, status, attempts,"
            + " attempt_limit, next_attempt_at, lease_until, due_at, last_status_code, triggered_by, updated_at";

    static DeliveryRow fromDomain(Delivery d) {
        return new DeliveryRow(d.id().value(), d.accountId().value(), d.eventId().value(), d.endpointId().value(),
                d.eventType().value(), d.status().name(), d.attempts(), d.attemptLimit(), d.nextAttemptAt(),
                d.leaseUntil(), dueAt(d), d.lastStatusCode(), d.trigger().name(), d.createdAt(), d.updatedAt());
    }

    static Instant dueAt(Delivery d) {
        if (d.status().isDue()) {
            return d.nextAttemptAt();
        }
        return d.status() == DeliveryStatus.SENDING ? d.leaseUntil() : null;
    }

    Delivery toDomain() {
        return new Delivery(new DeliveryId(id), new AccountId(accountId), new EventId(eventId),
                new EndpointId(endpointId), new EventTypeName(eventType), DeliveryStatus.valueOf(status), attempts,
                attemptLimit, nextAttemptAt, leaseUntil, lastStatusCode, AttemptTrigger.valueOf(triggeredBy),
                createdAt, updatedAt);
    }

    static DeliveryRow read(ResultSet rs) throws SQLException {
        return new DeliveryRow(rs.getString("id"), rs.getString("account_id"), rs.getString("event_id"),
                rs.getString("endpoint_id"), rs.getString("event_type"), rs.getString("status"),
                rs.getInt("attempts"), rs.getInt("attempt_limit"), Jdbc.getInstant(rs, "next_attempt_at"),
                Jdbc.getInstant(rs, "lease_until"), Jdbc.getInstant(rs, "due_at"),
                Jdbc.getInteger(rs, "last_status_code"), rs.getString("triggered_by"),
                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at"));
    }

    /** Binds all {@link #COLUMNS} in order, from {@code first}. */
    void bindAll(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        ps.setString(i++, id);
        ps.setString(i++, accountId);
        ps.setString(i++, eventId);
        ps.setString(i++, endpointId);
        ps.setString(i++, eventType);
        Jdbc.setInstant(ps, i++, createdAt);
        bindState(ps, i);
    }

    /** Binds the nine parameters of {@link #STATE_ASSIGNMENTS}, from {@code first}; returns the next index. */
    int bindState(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        ps.setString(i++, status);
        ps.setInt(i++, attempts);
        ps.setInt(i++, attemptLimit);
        Jdbc.setInstant(ps, i++, nextAttemptAt);
        Jdbc.setInstant(ps, i++, leaseUntil);
        Jdbc.setInstant(ps, i++, dueAt);
        Jdbc.setInteger(ps, i++, lastStatusCode);
        ps.setString(i++, triggeredBy);
        Jdbc.setInstant(ps, i++, updatedAt);
        return i;
    }

    /** The mutable columns, in {@link #bindState} order (nine parameters, status first, updated_at last). */
    static final String STATE_ASSIGNMENTS = "status = ?, attempts = ?, attempt_limit = ?, next_attempt_at = ?,"
            + " lease_until = ?, due_at = ?, last_status_code = ?, triggered_by = ?, updated_at = ?";

    /** Every row the query returns, as deliveries. */
    static List<Delivery> readAll(PreparedStatement ps) throws SQLException {
        List<Delivery> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(DeliveryRow.read(rs).toDomain());
            }
        }
        return rows;
    }
}
