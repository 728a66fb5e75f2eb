package dev.hookline.adapters.web.api;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;

import dev.hookline.application.port.in.Problem;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the API accepts (snake_case). Each is read from a {@link JsonBody} (the
 * domain's strict parser, errors naming the field) and also describes the body in the OpenAPI
 * document. Unknown fields are refused with a 400 naming them, so a typo never passes silently.
 */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** A route that takes no fields: no body, or {@code {}}; any field is a 400 naming it. */
    static void noFields(JsonBody json) {
        if (json != null) {
            json.allowOnly();
        }
    }

    @Schema(name = "CreateAccount", description = "A merchant account; with owner_email and owner_password its "
            + "first web user is created too.")
    public record CreateAccount(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Acme Ltd") String name,
            @Nullable @Schema(example = "owner@acme.example") String ownerEmail,
            @Nullable @Schema(description = "at least 10 characters",
                    format = "password") String ownerPassword) {

        static CreateAccount read(JsonBody json) {
            json.allowOnly("name", "owner_email", "owner_password");
            return new CreateAccount(json.requiredString("name"), json.string("owner_email"),
                    json.string("owner_password"));
        }
    }

    @Schema(name = "PublishEvent", description = "An event to fan out to the account's subscribed webhooks. The "
            + "whole body may be at most hookline.events.max-payload (default 256 KiB).")
    public record PublishEvent(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "acc_01JH3Q9W6ZK8T2C4V5B7N9M0PX")
            String accountId,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "payment.succeeded") String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, type = "object", additionalProperties = TRUE,
                    description = "the payload, kept as sent",
                    example = "{\"id\":\"pay_1\",\"amount\":9900,\"currency\":\"usd\"}") Map<String, Object> data,
            @Nullable @Schema(type = "object", additionalProperties = TRUE,
                    description = "the changed fields' old values (update events)") Map<String, Object> previousData,
            @Nullable @Schema(type = "object", additionalProperties = TRUE, description = "related ids")
            Map<String, Object> entities) {

        /** The parsed values; {@code data} and friends stay domain JSON values. */
        record Values(String accountId, String type, JsonValue data, JsonValue previousData, JsonValue entities) {
        }

        static Values read(JsonBody json) {
            json.allowOnly("account_id", "type", "data", "previous_data", "entities");
            return new Values(json.string("account_id"), json.string("type"), json.value("data"),
                    json.value("previous_data"), json.value("entities"));
        }
    }

    @Schema(name = "AddEventType", description = "A new event type in the catalog.")
    public record AddEventType(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "refund.created",
                    pattern = "[a-z0-9_]+(\\.[a-z0-9_]+)+") String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Refunds") String category,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "A refund was created") String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, type = "object", additionalProperties = TRUE,
                    description = "the payload test events carry; a JSON object") Map<String, Object> sample) {

        record Values(String name, String category, String description, JsonValue sample) {
        }

        static Values read(JsonBody json) {
            json.allowOnly("name", "category", "description", "sample");
            return new Values(json.string("name"), json.string("category"), json.string("description"),
                    json.value("sample"));
        }
    }

    @Schema(name = "CreateWebhook", description = "An endpoint to deliver events to.")
    public record CreateWebhook(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "https://merchant.example/webhooks",
                    description = "https only; hosts on private, loopback or metadata addresses are refused")
            String url,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "[\"payment.*\", \"invoice.paid\"]",
                    description = "[\"*\"] for every event, or event type names and categories (payment.*)")
            List<String> events,
            @Nullable @Schema(maxLength = 500) String description,
            @Nullable @Schema(description = "your own signing secret: whsec_ + base64 of 24 to 64 bytes; "
                    + "generated when absent") String secret,
            @Nullable @Schema(description = "deliveries per second, 0 or absent: no limit",
                    minimum = "0", maximum = "100000") Integer rateLimit,
            @Nullable @Schema(example = "30s,5m,1h", description = RETRY_SCHEDULE) String retrySchedule) {

        static CreateWebhook read(JsonBody json) {
            json.allowOnly("url", "events", "description", "secret", "rate_limit", "retry_schedule");
            return new CreateWebhook(json.requiredString("url"), json.strings("events"), json.string("description"),
                    json.string("secret"), json.integer("rate_limit"), json.string("retry_schedule"));
        }
    }

    static final String RETRY_SCHEDULE = "this endpoint's delays between attempts, 1s to 7d each (units s, m, h, d; "
            + "\"\" for no retries); absent or null: the deployment's schedule (hookline.delivery.retry-schedule)";

    @Schema(name = "UpdateWebhook", description = "Changes to an endpoint; absent fields stay as they are. "
            + "null clears description and rate_limit; url, events and enabled cannot be null.")
    public record UpdateWebhook(
            @Nullable String url,
            @Nullable List<String> events,
            @Nullable String description,
            @Nullable @Schema(description = "false holds new deliveries; true sends the held ones, oldest first") Boolean enabled,
            @Nullable @Schema(minimum = "0", maximum = "100000", description = "0 or null removes the limit")
            Integer rateLimit,
            @Nullable @Schema(example = "30s,5m,1h", description = RETRY_SCHEDULE) String retrySchedule) {

        static UpdateWebhook read(JsonBody json) {
            json.allowOnly("url", "events", "description", "enabled", "rate_limit", "retry_schedule");
            json.refuseNull("url", "events", "enabled");
            if (json.has("url") && json.string("url").isBlank()) {
                throw new ApiException(Problem.invalid("url", "url must not be blank"));
            }
            return new UpdateWebhook(json.string("url"), json.strings("events"),
                    json.isNull("description") ? "" : json.string("description"), json.bool("enabled"),
                    json.isNull("rate_limit") ? Integer.valueOf(0) : json.integer("rate_limit"),
                    json.string("retry_schedule"));
        }
    }

    @Schema(name = "SendTestEvent", description = "Sends the event type's sample payload to a webhook now.")
    public record SendTestEvent(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "wh_01JH3Q9W6ZK8T2C4V5B7N9M0PX")
            String webhookId,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "payment.succeeded")
            String eventType) {

        static SendTestEvent read(JsonBody json) {
            json.allowOnly("webhook_id", "event_type");
            return new SendTestEvent(json.string("webhook_id"), json.string("event_type"));
        }
    }

    @Schema(name = "Recover", description = "Re-sends every failed delivery of the webhook created since then.")
    public record Recover(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time", example = "2026-01-15T10:30:00Z")
            String since) {

        static Recover read(JsonBody json) {
            json.allowOnly("since");
            return new Recover(json.requiredString("since"));
        }
    }

    @Schema(name = "CreateApiKey", description = "A new API key for the caller's account.")
    public record CreateApiKey(@Nullable @Schema(example = "billing backend") String name) {

        static CreateApiKey read(JsonBody json) {
            json.allowOnly("name");
            return new CreateApiKey(json.string("name"));
        }
    }
}
