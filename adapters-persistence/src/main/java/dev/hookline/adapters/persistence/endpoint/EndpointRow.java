package dev.hookline.adapters.persistence.endpoint;

import dev.hookline.adapters.persistence.SecretCipher;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.EndpointHealth;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.retry.RetryPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An endpoint row: the secret ring encrypted, the filter and retry schedule as text. */
@MappedEntity("endpoints")
record EndpointRow(
        @Id String id,
        String accountId,
        String url,
        String description,
        String eventFilter,
        String secrets,
        @Nullable String disabledCause,
        @Nullable String disabledReason,
        @Nullable Instant disabledAt,
        int consecutiveFailures,
        @Nullable Instant failingSince,
        boolean exhaustedSinceSuccess,
        @Nullable Instant lastAttemptAt,
        @Nullable String lastDeliveryStatus,
        @Nullable Integer rateLimit,
        @Nullable String retrySchedule,
        @Nullable Double retryJitter,
        Instant createdAt,
        Instant updatedAt) {

    static EndpointRow fromDomain(Endpoint e, SecretCipher cipher) {
        Disablement d = e.disablement();
        EndpointHealth h = e.health();
        RetryPolicy retry = e.retryPolicy();
        return new EndpointRow(e.id().value(), e.accountId().value(), e.url(), e.description(),
                filterText(e.filter()), cipher.encrypt(SecretRingText.write(e.secrets()), e.id().value()),
                d == null ? null : d.cause().name(), d == null ? null : d.reason(), d == null ? null : d.at(),
                h.consecutiveFailures(), h.failingSince(), h.exhaustedSinceSuccess(), h.lastAttemptAt(),
                h.lastDeliveryStatus() == null ? null : h.lastDeliveryStatus().name(),
                e.rateLimit(), retry == null ? null : RetryPolicy.formatSchedule(retry.schedule()),
                retry == null ? null : retry.jitter(), e.createdAt(), e.updatedAt());
    }

    Endpoint toDomain(SecretCipher cipher) {
        Disablement disablement = disabledCause == null ? null
                : new Disablement(Disablement.Cause.valueOf(disabledCause), disabledReason, disabledAt);
        RetryPolicy retry = retrySchedule == null ? null
                : new RetryPolicy(RetryPolicy.parseSchedule(retrySchedule), retryJitter == null ? 0 : retryJitter);
        return new Endpoint(new EndpointId(id), new AccountId(accountId), url, description, parseFilter(eventFilter),
                SecretRingText.read(cipher.decrypt(secrets, id)), disablement,
                new EndpointHealth(consecutiveFailures, failingSince, exhaustedSinceSuccess, lastAttemptAt,
                        lastDeliveryStatus == null ? null : DeliveryStatus.valueOf(lastDeliveryStatus)),
                rateLimit, retry, createdAt, updatedAt);
    }

    static String filterText(EventFilter filter) {
        return String.join(",", filter.patterns());
    }

    static EventFilter parseFilter(String text) {
        List<String> patterns = Arrays.asList(text.split(","));
        if (EventFilter.parse(patterns) instanceof EventFilter.FilterParse.Valid valid) {
            return valid.filter();
        }
        throw new IllegalStateException("stored event filter is not valid: " + text);
    }

    /** {@code 1m,5m,30m}: each delay in the largest unit that divides it (ms, s, m, h, d). */
}
