package dev.hookline.adapters.persistence.delivery;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.AttemptId;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonObject;
import dev.hookline.domain.event.json.JsonParse;
import dev.hookline.domain.event.json.JsonString;
import dev.hookline.domain.event.json.JsonValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An attempt row: header maps as JSON objects, the outcome as either response columns or error columns. */
record AttemptRow(String id, String deliveryId, int attemptNumber, String triggeredBy, Instant startedAt,
                  long durationMs, String requestHeaders, Integer responseStatus, String responseHeaders,
                  String responseBody, boolean responseBodyTruncated, String errorKind, String errorMessage) {

    static final String COLUMNS = "id, delivery_id, attempt_number, triggered_by, started_at, duration_ms,"
            + " request_headers, response_status, response_headers, response_body, response_body_truncated,"
            + " error_kind, error_message";

    static AttemptRow fromDomain(Attempt a) {
        Integer status = null;
        String headers = null;
        String body = null;
        boolean truncated = false;
        String kind = null;
        String message = null;
        if (a.outcome() instanceof AttemptOutcome.Response r) {
            status = r.status();
            headers = headersJson(r.headers());
            body = r.body();
            truncated = r.bodyTruncated();
        } else if (a.outcome() instanceof AttemptOutcome.Failure f) {
            kind = f.kind().name();
            message = f.message();
        }
        return new AttemptRow(a.id().value(), a.deliveryId().value(), a.number(), a.trigger().name(), a.startedAt(),
                a.duration().toMillis(), headersJson(a.requestHeaders()), status, headers, body, truncated, kind,
                message);
    }

    Attempt toDomain() {
        AttemptOutcome outcome = responseStatus != null
                ? new AttemptOutcome.Response(responseStatus, headers(responseHeaders),
                        responseBody == null ? "" : responseBody, responseBodyTruncated)
                : new AttemptOutcome.Failure(ErrorKind.valueOf(errorKind), errorMessage == null ? "" : errorMessage);
        return new Attempt(new AttemptId(id), new DeliveryId(deliveryId), attemptNumber,
                AttemptTrigger.valueOf(triggeredBy), startedAt, Duration.ofMillis(durationMs), headers(requestHeaders),
                outcome);
    }

    void bind(PreparedStatement ps) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, deliveryId);
        ps.setInt(3, attemptNumber);
        ps.setString(4, triggeredBy);
        Jdbc.setInstant(ps, 5, startedAt);
        ps.setLong(6, durationMs);
        ps.setString(7, requestHeaders);
        Jdbc.setInteger(ps, 8, responseStatus);
        ps.setString(9, responseHeaders);
        ps.setString(10, responseBody);
        ps.setBoolean(11, responseBodyTruncated);
        ps.setString(12, errorKind);
        if (errorMessage == null) {
            ps.setNull(13, Types.VARCHAR);
        } else {
            ps.setString(13, errorMessage);
        }
    }

    static AttemptRow read(ResultSet rs) throws SQLException {
        return new AttemptRow(rs.getString("id"), rs.getString("delivery_id"), rs.getInt("attempt_number"),
                rs.getString("triggered_by"), Jdbc.getInstant(rs, "started_at"), rs.getLong("duration_ms"),
                rs.getString("request_headers"), Jdbc.getInteger(rs, "response_status"),
                rs.getString("response_headers"), rs.getString("response_body"),
                rs.getBoolean("response_body_truncated"), rs.getString("error_kind"), rs.getString("error_message"));
    }

    /** {@code {"name":"value",…}} in the map's order. */
    static String headersJson(Map<String, String> headers) {
        StringBuilder out = new StringBuilder(64 + headers.size() * 48).append('{');
        boolean first = true;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(Json.quote(header.getKey())).append(':').append(Json.quote(header.getValue()));
        }
        return out.append('}').toString();
    }

    static Map<String, String> headers(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (json == null) {
            return headers;
        }
        JsonParse parsed = Json.parse(json);
        if (!(parsed instanceof JsonParse.Parsed ok) || !(ok.value() instanceof JsonObject object)) {
            throw new IllegalStateException("stored headers are not a JSON object: " + json);
        }
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            headers.put(member.getKey(), member.getValue() instanceof JsonString s ? s.value()
                    : member.getValue().canonical());
        }
        return headers;
    }
}
