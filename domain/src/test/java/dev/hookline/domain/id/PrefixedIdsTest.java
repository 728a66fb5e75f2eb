package dev.hookline.domain.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.id.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixedIdsTest {

    @Test
    void idsArePrefixedAndStrictlyIncreasingEvenWithinOneMillisecond() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(PrefixedIds.next("evt"));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " < " + ids.get(i));
        }
        assertTrue(ids.get(0).startsWith("evt_"));
        assertEquals(4 + 26, ids.get(0).length());
    }

    @Test
    void theTimeCanBeReadBackFromAnId() {
        Instant before = Instant.now().minusMillis(1);
        Instant at = PrefixedIds.timeOf(PrefixedIds.next("dlv"));
        assertTrue(!at.isBefore(before) && Duration.between(at, Instant.now()).toSeconds() < 5);
    }

    @Test
    void recognisesWellFormedIdsOnly() {
        assertTrue(EventId.isValid(EventId.generate().value()));
        assertFalse(EventId.isValid("evt_123"));
        assertFalse(EventId.isValid("wh_01JH3Q9W6ZK8T2C4V5B7N9M0PX"));
        assertFalse(EventId.isValid("evt_01JH3Q9W6ZK8T2C4V5B7N9M0P!"));
        assertFalse(EventId.isValid(null));
    }
}
