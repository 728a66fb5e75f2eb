package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;

/** Registers a webhook endpoint; generates its signing secret unless the merchant supplies one. */
public interface RegisterEndpointUseCase {

    /** @param retrySchedule the endpoint's own retry delays, e.g. {@code 30s,5m,1h}; {@code null}: the deployment's */
    record RegisterEndpointCommand(String url, List<String> events, String description, String secret,
                                   Integer rateLimit, String retrySchedule) {

        public RegisterEndpointCommand(String url, List<String> events, String description, String secret,
                                       Integer rateLimit) {
            this(url, events, description, secret, rateLimit, null);
        }
    }

    Result<Endpoint> register(AccountId account, RegisterEndpointCommand command);
}
