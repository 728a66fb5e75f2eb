package dev.hookline.adapters.httpout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hookline.application.port.out.HostResolver;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.application.port.out.WebhookSender.OutboundRequest;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpOutFactoryTest {

    @Test
    void the_context_provides_a_sender_and_a_resolver_that_use_the_network_policy_bean() {
        WebhookSender sender;
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("hookline.delivery.timeout", "3s", "hookline.delivery.max-connections", "8"))
                .singletons(new NetworkPolicy(false, java.util.List.of()))
                .start()) {
            sender = context.getBean(WebhookSender.class);
            assertInstanceOf(ApacheWebhookSender.class, sender);
            assertSame(sender, context.getBean(WebhookSender.class));

            AttemptOutcome outcome = sender.send(new OutboundRequest("http://hooks.example.com/", Map.of(),
                    new byte[0], Duration.ofSeconds(3))).join();
            assertEquals(ErrorKind.BLOCKED, outcome.errorKind().orElseThrow());

            HostResolver resolver = context.getBean(HostResolver.class);
            assertInstanceOf(HostResolver.Resolution.Resolved.class, resolver.resolve("127.0.0.1"));
        }
        // closed with the context: it accepts no more attempts
        var afterClose = sender.send(new OutboundRequest("https://hooks.example.com/", Map.of(), new byte[0],
                Duration.ofSeconds(1)));
        assertEquals(true, afterClose.isCompletedExceptionally(), () -> afterClose.toString() + " " + afterClose.join());
    }
}
