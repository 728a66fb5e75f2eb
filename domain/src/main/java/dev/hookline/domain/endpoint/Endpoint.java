package dev.hookline.domain.endpoint;

import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.retry.RetryPolicy;
import dev.hookline.domain.signing.SecretRing;
import dev.hookline.domain.signing.SigningSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A merchant's webhook URL with what it receives and how it is signed.
 *
 * @param url         accepted by {@code NetworkPolicy.checkUrl} when it was saved
 * @param disablement {@code null} while enabled
 * @param rateLimit   deliveries per second, {@code null} for no limit
 * @param retryPolicy this endpoint's own schedule, {@code null} for the global one
 */
public record Endpoint(
        EndpointId id,
        AccountId accountId,
        String url,
        String description,
        EventFilter filter,
        SecretRing secrets,
        Disablement disablement,
        EndpointHealth health,
        Integer rateLimit,
        RetryPolicy retryPolicy,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("description longer than " + MAX_DESCRIPTION_LENGTH);
        }
        if (rateLimit != null && rateLimit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 per second");
        }
    }

    public static Endpoint create(AccountId account, String url, String description, EventFilter filter,
                                  SigningSecret secret, Instant now) {
        return new Endpoint(EndpointId.generate(), account, url, description, filter, SecretRing.of(secret), null,
                EndpointHealth.fresh(), null, null, now, now);
    }

    public boolean enabled() {
        return disablement == null;
    }

    public boolean subscribesTo(EventTypeName type) {
        return filter.accepts(type);
    }

    public Subscription subscription() {
        return new Subscription(id, filter, enabled(), retryPolicy);
    }

    public EndpointStatus status() {
        return EndpointStatus.of(disablement, health);
    }

    /**
     * Merchant edits; a {@code null} argument keeps the current value. This endpoint itself (and its
     * {@code updatedAt}) when nothing changes.
     */
    public Endpoint edit(String newUrl, String newDescription, EventFilter newFilter, Instant now) {
        Endpoint edited = new Endpoint(id, accountId, newUrl == null ? url : newUrl,
                newDescription == null ? description : newDescription, newFilter == null ? filter : newFilter,
                secrets, disablement, health, rateLimit, retryPolicy, createdAt, updatedAt);
        return edited.equals(this) ? this : edited.touched(now);
    }

    private Endpoint touched(Instant now) {
        return new Endpoint(id, accountId, url, description, filter, secrets, disablement, health, rateLimit,
                retryPolicy, createdAt, now);
    }

    /** Enabled → disabled with the given cause; disabling a disabled endpoint keeps the first reason. */
    public Endpoint disable(Disablement why) {
        if (!enabled()) {
            return this;
        }
        return new Endpoint(id, accountId, url, description, filter, secrets, why, health, rateLimit, retryPolicy,
                createdAt, why.at());
    }

    /** Disabled → enabled; the failure streak starts over so it is not disabled again at once. */
    public Endpoint enable(Instant now) {
        if (enabled()) {
            return this;
        }
        EndpointHealth restart = health.restarted(now);
        return new Endpoint(id, accountId, url, description, filter, secrets, null, restart, rateLimit, retryPolicy,
                createdAt, now);
    }

    /** A new current secret; the old one keeps signing for {@code overlap}. */
    public Endpoint rotateSecret(SigningSecret next, Instant now, Duration overlap) {
        return new Endpoint(id, accountId, url, description, filter, secrets.rotate(next, now, overlap), disablement,
                health, rateLimit, retryPolicy, createdAt, now);
    }

    /** Its own retry schedule ({@code null}: the deployment's); this endpoint itself when it is the same. */
    public Endpoint withRetryPolicy(RetryPolicy policy, Instant now) {
        if (Objects.equals(policy, retryPolicy)) {
            return this;
        }
        return new Endpoint(id, accountId, url, description, filter, secrets, disablement, health, rateLimit,
                policy, createdAt, now);
    }

    /** This endpoint itself when the limit is the same. */
    public Endpoint withRateLimit(Integer perSecond, Instant now) {
        if (Objects.equals(perSecond, rateLimit)) {
            return this;
        }
        return new Endpoint(id, accountId, url, description, filter, secrets, disablement, health, perSecond,
                retryPolicy, createdAt, now);
    }
}
