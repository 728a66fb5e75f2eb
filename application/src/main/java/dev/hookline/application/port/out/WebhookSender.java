package dev.hookline.application.port.out;

import dev.hookline.domain.delivery.AttemptOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed POST. Never follows redirects; checks every resolved address against the
 * network policy at connect time. The future never completes exceptionally for an expected
 * failure (timeout, refused, TLS, DNS, blocked): those are {@link AttemptOutcome.Failure} values.
 */
public interface WebhookSender {

    record OutboundRequest(String url, Map<String, String> headers, byte[] body, Duration timeout) {
    }

    CompletableFuture<AttemptOutcome> send(OutboundRequest request);
}
