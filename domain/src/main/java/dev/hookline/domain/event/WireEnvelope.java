package dev.hookline.domain.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The body POSTed to receivers: compact UTF-8 JSON with keys in a fixed order, so that a
 * receiver that re-serialises the parsed body with {@code JSON.stringify} gets the same bytes.
 *
 * <pre>{"id":"evt_…","type":"payment.succeeded","created_at":"2026-01-15T10:30:00Z","data":{…},"previous_data":{…},"entities":{…}}</pre>
 *
 * {@code previous_data} and {@code entities} appear only when the producer gave them; test events
 * end with {@code "test":true}. Ids, type names and timestamps never need JSON escaping (their
 * alphabets are fixed), and the JSON parts are already canonical.
 */
public final class WireEnvelope {

    private WireEnvelope() {
    }

    public static String json(Event event) {
        StringBuilder out = new StringBuilder(96 + event.data().length());
        out.append("{\"id\":\"").append(event.id().value())
                .append("\",\"type\":\"").append(event.type().value())
                .append("\",\"created_at\":\"").append(timestamp(event.createdAt()))
                .append("\",\"data\":").append(event.data());
        event.previousData().ifPresent(previous -> out.append(",\"previous_data\":").append(previous));
        event.entities().ifPresent(entities -> out.append(",\"entities\":").append(entities));
        if (event.test()) {
            out.append(",\"test\":true");
        }
        return out.append('}').toString();
    }

    public static byte[] bytes(Event event) {
        return json(event).getBytes(StandardCharsets.UTF_8);
    }

    /** How event times are written everywhere: ISO-8601 UTC, whole seconds ({@code 2026-01-15T10:30:00Z}). */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
