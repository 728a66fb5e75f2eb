package dev.hookline.domain.endpoint.network;

import java.util.Objects;

/** Whether webhooks may be sent to one IP address. */
public sealed interface AddressVerdict {

    record Allowed() implements AddressVerdict {
    }

    /** @param reason a sentence for the merchant, like "10.0.0.1 is a private network address" */
    record Refused(AddressClass addressClass, String reason) implements AddressVerdict {
        public Refused {
            Objects.requireNonNull(addressClass, "addressClass");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
