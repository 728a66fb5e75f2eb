package dev.hookline.domain.event;

import dev.hookline.domain.id.EventId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookline.domain.id.AccountId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireEnvelopeTest {

    private static final EventId ID = new EventId("evt_01JH3Q9W6ZK8T2C4V5B7N9M0PX");
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00.123Z");

    @Test
    void writesKeysInTheContractOrderWithWholeSecondTimestamps() {
        Event event = new Event(ID, AccountId.generate(), new EventTypeName("payment.succeeded"), AT,
                "{\"id\":\"pay_1\",\"amount\":9900}", Optional.of("{\"amount\":100}"),
                Optional.of("{\"customer_id\":\"cus_1\"}"), Optional.empty(), false);
        assertEquals("{\"id\":\"evt_01JH3Q9W6ZK8T2C4V5B7N9M0PX\",\"type\":\"payment.succeeded\","
                + "\"created_at\":\"2026-01-15T10:30:00Z\",\"data\":{\"id\":\"pay_1\",\"amount\":9900},"
                + "\"previous_data\":{\"amount\":100},\"entities\":{\"customer_id\":\"cus_1\"}}",
                WireEnvelope.json(event));
    }

    @Test
    void leavesOutAbsentPartsAndMarksTestEvents() {
        Event event = new Event(ID, AccountId.generate(), new EventTypeName("invoice.paid"), AT, "{}",
                Optional.empty(), Optional.empty(), Optional.empty(), true);
        assertEquals("{\"id\":\"evt_01JH3Q9W6ZK8T2C4V5B7N9M0PX\",\"type\":\"invoice.paid\","
                + "\"created_at\":\"2026-01-15T10:30:00Z\",\"data\":{},\"test\":true}", WireEnvelope.json(event));
    }
}
