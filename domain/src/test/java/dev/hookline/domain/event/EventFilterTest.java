package dev.hookline.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.domain.event.EventFilter.FilterParse;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static EventFilter parse(String... patterns) {
        return assertInstanceOf(FilterParse.Valid.class, EventFilter.parse(List.of(patterns))).filter();
    }

    private static String refusal(List<String> patterns) {
        return assertInstanceOf(FilterParse.Invalid.class, EventFilter.parse(patterns)).reason();
    }

    private static EventTypeName type(String name) {
        return new EventTypeName(name);
    }

    @Test
    void starSelectsEveryEvent() {
        EventFilter all = parse("*");
        assertTrue(all.accepts(type("payment.succeeded")));
        assertTrue(all.accepts(type("chargeback.lost")));
        assertEquals(List.of("*"), all.patterns());
    }

    @Test
    void namedTypesSelectExactlyThoseTypes() {
        EventFilter f = parse("payment.succeeded", "invoice.paid");
        assertTrue(f.accepts(type("payment.succeeded")));
        assertTrue(f.accepts(type("invoice.paid")));
        assertFalse(f.accepts(type("payment.failed")));
        assertFalse(f.accepts(type("payment.succeeded.extra")));
    }

    @Test
    void aCategorySelectsEveryTypeOfThatCategoryOnly() {
        EventFilter f = parse("payment.*");
        assertTrue(f.accepts(type("payment.succeeded")));
        assertTrue(f.accepts(type("payment.refunded")));
        assertFalse(f.accepts(type("invoice.payment_failed")));
        assertFalse(f.accepts(type("payments.succeeded")));
    }

    @Test
    void patternsAreShownSortedAndDeduplicated() {
        assertEquals(List.of("invoice.paid", "payment.*"), parse("payment.*", "invoice.paid", "invoice.paid").patterns());
    }

    @Test
    void refusesEmptyListsBadNamesAndStarMixedWithNames() {
        assertTrue(refusal(List.of()).contains("at least one"));
        assertTrue(refusal(List.of("Payment.Succeeded")).contains("Payment.Succeeded"));
        assertTrue(refusal(List.of("payment")).contains("payment"));
        assertTrue(refusal(List.of("*", "payment.succeeded")).contains("*"));
        assertTrue(refusal(List.of("payment.sub.*")).contains("not a category"));
    }
}
