package dev.hookline.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void holdsTheSixteenSeedTypesInSeedOrder() {
        assertEquals(List.of(
                "payment.succeeded", "payment.failed", "payment.refunded",
                "invoice.created", "invoice.paid", "invoice.payment_failed",
                "subscription.created", "subscription.renewed", "subscription.canceled",
                "customer.created", "customer.updated",
                "checkout.completed", "checkout.abandoned",
                "chargeback.opened", "chargeback.won", "chargeback.lost"),
                EventCatalog.defaults().stream().map(type -> type.name().value()).toList());
    }

    @Test
    void groupsTypesUnderTheSeedsCategories() {
        assertEquals(List.of("Payments", "Invoices", "Subscriptions", "Customers", "Checkouts", "Disputes"),
                List.copyOf(new LinkedHashSet<>(EventCatalog.defaults().stream().map(EventType::category).toList())));
        for (EventType type : EventCatalog.defaults()) {
            String expected = switch (type.name().category()) {
                case "payment" -> "Payments";
                case "invoice" -> "Invoices";
                case "subscription" -> "Subscriptions";
                case "customer" -> "Customers";
                case "checkout" -> "Checkouts";
                case "chargeback" -> "Disputes";
                default -> "?";
            };
            assertEquals(expected, type.category(), type.name().value());
        }
    }

    @Test
    void namesAreValidAndUnique() {
        List<String> names = EventCatalog.defaults().stream().map(type -> type.name().value()).toList();

        assertEquals(names.size(), new LinkedHashSet<>(names).size());
        names.forEach(name -> assertTrue(EventTypeName.isValid(name), name));
    }

    @Test
    void everyTypeHasAOneSentenceDescription() {
        for (EventType type : EventCatalog.defaults()) {
            assertTrue(type.description().endsWith("."), type.name().value());
            assertEquals(1, type.description().split("\\. ").length, type.name().value());
        }
    }

    @Test
    void everySampleIsACompactJsonObjectWithAnId() {
        for (EventType type : EventCatalog.defaults()) {
            String sample = type.sample();
            String name = type.name().value();
            assertTrue(sample.startsWith("{\"id\":\""), name);
            assertTrue(sample.endsWith("}"), name);
            assertFalse(sample.contains("\n"), name);
            assertFalse(sample.contains("\": ") || sample.contains(", \"") || sample.contains("%s"), name);
            assertEquals(count(sample, '{'), count(sample, '}'), name);
            assertEquals(0, count(sample, '"') % 2, name);
        }
    }

    @Test
    void samplesCarryAmountsInMinorUnitsAndTheCustomer() {
        for (EventType type : EventCatalog.defaults()) {
            if (!type.name().category().equals("customer")) {
                assertTrue(type.sample().contains("\"customer\":{\"id\":\"cus_"), type.name().value());
                assertTrue(type.sample().contains("\"currency\":\"USD\""), type.name().value());
            }
        }
        assertTrue(EventCatalog.defaults().get(0).sample().contains("\"amount\":9900,"));
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
