package dev.hookline.adapters.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hookline.application.port.in.EndpointQueries.EndpointView;
import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.endpoint.EndpointStatus;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.WireEnvelope;
import dev.hookline.domain.retry.RetryPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of API responses (snake_case). JSON payloads are embedded as raw JSON. */
public final class ApiViews {

    private ApiViews() {
    }

    /** A page of a list: the items and the cursor of the next page ({@code null} on the last). */
    public record ListView<T>(List<T> data, @Nullable String nextCursor) {
        public static <S, T> ListView<T> of(Page<S> page, Function<S, T> view) {
            return new ListView<>(page.items().stream().map(view).toList(),
                    page.nextCursor().map(Paging::encode).orElse(null));
        }
    }

    @Schema(name = "WebhookList", description = "Webhooks, newest first; next_cursor is null on the last page")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WebhookList(List<WebhookView> data, @Nullable String nextCursor) {
        static WebhookList of(ListView<WebhookView> list) {
            return new WebhookList(list.data(), list.nextCursor());
        }
    }

    @Schema(name = "DeliveryList", description = "Deliveries, newest first; next_cursor is null on the last page")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryList(List<DeliveryView> data, @Nullable String nextCursor) {
        static DeliveryList of(ListView<DeliveryView> list) {
            return new DeliveryList(list.data(), list.nextCursor());
        }
    }

    @Schema(name = "EventTypeList", description = "Event types, by name; next_cursor is null on the last page")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventTypeList(List<EventTypeView> data, @Nullable String nextCursor) {
        static EventTypeList of(ListView<EventTypeView> list) {
            return new EventTypeList(list.data(), list.nextCursor());
        }
    }

    @Schema(name = "ApiKeyList", description = "API keys, newest first; next_cursor is null on the last page")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApiKeyList(List<ApiKeyView> data, @Nullable String nextCursor) {
        static ApiKeyList of(ListView<ApiKeyView> list) {
            return new ApiKeyList(list.data(), list.nextCursor());
        }
    }

    @Schema(name = "Account")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AccountView(String id, String name, String apiKey, String createdAt) {
    }

    @Schema(name = "EventType")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventTypeView(String name, String category, String description, RawJson sample) {
        public static EventTypeView of(EventType t) {
            return new EventTypeView(t.name().value(), t.category(), t.description(), new RawJson(t.sample()));
        }
    }

    @Schema(name = "PublishedEvent")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PublishedView(String id, String type, String createdAt, int deliveries, boolean replayed) {
    }

    @Schema(name = "Webhook")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WebhookView(String id, String url, @Nullable String description, List<String> events,
                              boolean enabled, String status, @Nullable String disabledReason,
                              @Nullable Double successRate, @Nullable String lastDeliveryAt,
                              @Nullable String lastDeliveryStatus, @Nullable Integer rateLimit,
                              @Nullable @Schema(description = "this endpoint's own retry delays; null: the "
                                      + "deployment's") String retrySchedule,
                              @Nullable Long queuedWhileDisabled, String createdAt, String updatedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret) {

        public static WebhookView of(EndpointView view, String secret) {
            Endpoint e = view.endpoint();
            EndpointStatus status = e.status();
            String reason = status instanceof EndpointStatus.Disabled d ? d.disablement().reason() : null;
            Double rate = view.stats().successRate().map(r -> Math.round(r * 10) / 10.0).orElse(null);
            return new WebhookView(e.id().value(), e.url(), e.description(), e.filter().patterns(), e.enabled(),
                    status.code(), reason, rate, time(e.health().lastAttemptAt()),
                    e.health().lastDeliveryStatus() == null ? null : lower(e.health().lastDeliveryStatus()),
                    e.rateLimit(),
                    e.retryPolicy() == null ? null : RetryPolicy.formatSchedule(e.retryPolicy().schedule()),
                    e.enabled() ? null : view.held(), time(e.createdAt()), time(e.updatedAt()), secret);
        }
    }

    @Schema(name = "Secret")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SecretView(String secret, @Nullable String previousSecretExpiresAt) {
    }

    @Schema(name = "Delivery")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryView(String id, String eventId, String eventType, String webhookId, String status,
                               int attempts, @Nullable String nextAttemptAt, @Nullable Integer lastResponseCode,
                               String trigger, String createdAt, String updatedAt) {
        public static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id().value(), d.eventId().value(), d.eventType().value(),
                    d.endpointId().value(), lower(d.status()), d.attempts(), time(d.nextAttemptAt()),
                    d.lastStatusCode(), lower(d.trigger()), time(d.createdAt()), time(d.updatedAt()));
        }
    }

    @Schema(name = "Event")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventView(String id, String type, String createdAt, RawJson data, @Nullable RawJson previousData,
                            @Nullable RawJson entities, boolean test) {
        public static EventView of(Event e) {
            return new EventView(e.id().value(), e.type().value(), WireEnvelope.timestamp(e.createdAt()),
                    new RawJson(e.data()), e.previousData().map(RawJson::new).orElse(null),
                    e.entities().map(RawJson::new).orElse(null), e.test());
        }
    }

    @Schema(name = "Attempt")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttemptView(String id, int number, String trigger, String startedAt, long durationMs,
                              @Nullable Integer responseCode, Map<String, String> requestHeaders,
                              @Nullable Map<String, String> responseHeaders, @Nullable String responseBody,
                              boolean responseBodyTruncated, boolean succeeded, @Nullable String errorKind,
                              @Nullable String errorMessage) {
        public static AttemptView of(Attempt a) {
            AttemptOutcome o = a.outcome();
            AttemptOutcome.Response r = o instanceof AttemptOutcome.Response resp ? resp : null;
            return new AttemptView(a.id().value(), a.number(), lower(a.trigger()), time(a.startedAt()),
                    a.duration().toMillis(), r == null ? null : r.status(), a.requestHeaders(),
                    r == null ? null : r.headers(), r == null ? null : r.body(), r != null && r.bodyTruncated(),
                    o.succeeded(), o.errorKind().map(ApiViews::lower).orElse(null),
                    o instanceof AttemptOutcome.Failure f ? f.message() : null);
        }
    }

    @Schema(name = "DeliveryDetail")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryDetailView(String id, String eventId, String eventType, String webhookId, String url,
                                     String status, int attempts, @Nullable String nextAttemptAt,
                                     @Nullable Integer lastResponseCode, String trigger, String createdAt,
                                     String updatedAt,
                                     EventView event, String requestBody, List<AttemptView> attemptLog) {
    }

    @Schema(name = "TestResult")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TestResultView(String deliveryId, String status, @Nullable Integer responseCode,
                                 long responseTimeMs, @Nullable String responseBody, @Nullable String errorKind,
                                 @Nullable String errorMessage) {
    }

    @Schema(name = "ApiKey")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApiKeyView(String id, String name, String prefix, String createdAt,
                             @Schema(description = "the last request made with the key, to the minute; null if never")
                             @Nullable String lastUsedAt, @Nullable String revokedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String key) {
        public static ApiKeyView of(ApiKey k, String secret) {
            return new ApiKeyView(k.id(), k.name(), k.prefix() + "…", time(k.createdAt()), time(k.lastUsedAt()),
                    time(k.revokedAt()), secret);
        }
    }

    @Schema(name = "Count")
    @Serdeable.Serializable(naming = SnakeCaseStrategy.class)
    public record CountView(int count) {
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
