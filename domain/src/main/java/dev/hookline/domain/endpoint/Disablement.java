package dev.hookline.domain.endpoint;

import java.time.Instant;
import java.util.Objects;

/** Why and since when an endpoint is disabled. */
public record Disablement(Cause cause, String reason, Instant at) {

    public enum Cause {
        /** The merchant turned it off. */
        MERCHANT,
        /** The endpoint answered {@code 410 Gone}. */
        GONE,
        /** No 2xx for longer than {@code hookline.endpoints.disable-after}, with an exhausted delivery. */
        CONTINUOUS_FAILURE
    }

    public Disablement {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public static Disablement byMerchant(Instant at) {
        return new Disablement(Cause.MERCHANT, "Disabled by you", at);
    }

    public boolean automatic() {
        return cause != Cause.MERCHANT;
    }
}
