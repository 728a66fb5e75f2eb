package dev.hookline.adapters.httpout;

import dev.hookline.application.port.out.HostResolver;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The outbound HTTP beans: the {@link WebhookSender} and the {@link HostResolver}. The
 * {@link NetworkPolicy} (from {@code hookline.endpoints.allow-insecure-urls} and
 * {@code hookline.endpoints.allowed-private-networks}) is the same bean the use cases check URLs
 * with when they are saved, so save-time and connect-time rules cannot drift apart.
 */
@Factory
public class HttpOutFactory {

    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(2);

    @Singleton
    @Bean(typed = {WebhookSender.class, ApacheWebhookSender.class}, preDestroy = "close")
    ApacheWebhookSender webhookSender(NetworkPolicy networkPolicy,
                                      @Value("${hookline.delivery.timeout:5s}") Duration timeout,
                                      @Value("${hookline.delivery.max-connections:256}") int maxConnections) {
        return new ApacheWebhookSender(networkPolicy, timeout, maxConnections);
    }

    @Singleton
    @Bean(typed = {HostResolver.class, SystemHostResolver.class}, preDestroy = "close")
    SystemHostResolver hostResolver() {
        return new SystemHostResolver(LOOKUP_TIMEOUT);
    }
}
