package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;

/** Registers a webhook endpoint; generates its signing secret unless the merchant supplies one. */
public interface RegisterEndpointUseCase {

    record RegisterEndpointCommand(String url, List<String> events, String description, String secret,
                                   Integer rateLimit) {
    }

    Result<Endpoint> register(AccountId account, RegisterEndpointCommand command);
}
