package dev.hookline.adapters.web.pages.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which events the add/edit form's ticks subscribe an endpoint to. A ticked category covers its
 * types: without JavaScript a merchant may tick it and some of its types too. (With JavaScript,
 * unticking a type unticks its category, so a category is only sent when all its types are meant.)
 */
class FormInputTest {

    private static List<String> events(String... ticked) {
        return WebhookPages.FormInput.of(Map.of("url", List.of("https://hooks.example.com/"),
                "scope", List.of("selected"), "events", List.of(ticked))).events();
    }

    @Test
    void aTickedCategoryCoversItsTypes() {
        assertEquals(List.of("payment.*"), events("payment.*"));
        assertEquals(List.of("payment.*", "invoice.paid"), events("payment.*", "payment.failed", "invoice.paid"));
    }

    @Test
    void typesWithoutTheirCategoryAreThemselves() {
        assertEquals(List.of("payment.succeeded", "payment.refunded"), events("payment.succeeded", "payment.refunded"));
    }
}
