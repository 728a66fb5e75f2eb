package dev.hookline.domain.endpoint.network;

import java.util.Objects;

/** The outcome of {@link NetworkPolicy#checkUrl(String)}. */
public sealed interface UrlCheck {

    record Accepted(EndpointUrl url) implements UrlCheck {
        public Accepted {
            Objects.requireNonNull(url, "url");
        }
    }

    /** @param reason a sentence for the merchant, like "URL must use https" */
    record Refused(String reason) implements UrlCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
