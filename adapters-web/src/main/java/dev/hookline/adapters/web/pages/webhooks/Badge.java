package dev.hookline.adapters.web.pages.webhooks;

import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.endpoint.EndpointStatus;

/**
 * A status badge: CSS class (ok, warn, bad, info, muted), label and hover text.
 */
public record Badge(String cls, String label, String title) {

    public static Badge of(EndpointStatus status) {
        if (status instanceof EndpointStatus.Disabled d) {
            return new Badge("muted", "Disabled", d.disablement().reason());
        }
        if (status instanceof EndpointStatus.Failing) {
            return new Badge("bad", "Failing", "Recent attempts failed; deliveries are being retried");
        }
        return new Badge("ok", "Active", "Receiving events");
    }

    public static Badge of(DeliveryStatus status) {
        return switch (status) {
            case SUCCEEDED -> new Badge("ok", "Succeeded", "Your endpoint answered 2xx");
            case FAILED -> new Badge("bad", "Failed", "Every attempt failed; you can retry it");
            case RETRYING -> new Badge("warn", "Retrying", "The last attempt failed; another is scheduled");
            case PENDING -> new Badge("info", "Pending", "Waiting to be sent");
            case SENDING -> new Badge("info", "Sending", "Being sent right now");
            case HELD -> new Badge("muted", "Queued", "Held while the endpoint is disabled; sent when you enable it");
            case EXPIRED -> new Badge("bad", "Expired", "Held for longer than the retention period; you can retry it");
        };
    }
}
