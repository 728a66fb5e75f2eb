package dev.hookline.domain.endpoint;

import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.retry.RetryPolicy;
import java.util.Objects;

/**
 * What publishing needs to know of an endpoint, and no more (no URL, no secrets): which events
 * it takes, whether it is enabled (a disabled endpoint's deliveries are held), and its own retry
 * policy, {@code null} for the global one.
 */
public record Subscription(EndpointId endpoint, EventFilter filter, boolean enabled, RetryPolicy retryPolicy) {

    public Subscription {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(filter, "filter");
    }

    public boolean accepts(EventTypeName type) {
        return filter.accepts(type);
    }

    /** Attempts a new delivery to this endpoint gets: its own policy's, else {@code global}'s. */
    public int attemptLimit(RetryPolicy global) {
        return (retryPolicy != null ? retryPolicy : global).maxAttempts();
    }
}
