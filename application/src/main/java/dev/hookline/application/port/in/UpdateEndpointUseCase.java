package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;

/**
 * Changes an endpoint. Disabling holds its pending deliveries; enabling has every held delivery
 * sent, oldest first.
 */
public interface UpdateEndpointUseCase {

    /** {@code null} fields are left as they are. */
    record UpdateEndpointCommand(String url, List<String> events, String description, Boolean enabled,
                                 Integer rateLimit) {
    }

    Result<Endpoint> update(AccountId account, String endpointId, UpdateEndpointCommand command);
}
