package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateGateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void availableSaysHowManyTokensTryTakeWouldHandOutWithoutAWait() {
        RateGate gate = new RateGate(10, 0);
        assertEquals(10, gate.available(0), "a second's worth to begin with");
        for (int i = 0; i < 10; i++) {
            assertEquals(0, gate.tryTake(0));
        }
        assertEquals(0, gate.available(0));
        assertTrue(gate.tryTake(0) > 0, "the next one waits");
        assertEquals(3, gate.available(SECOND * 3 / 10), "refilled at the rate");
        assertEquals(10, gate.available(60 * SECOND), "never more than a second's worth");
    }
}
