package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;
import java.util.Optional;

/**
 * Changes an endpoint. Disabling holds its pending deliveries; enabling has every held delivery
 * sent, oldest first.
 */
public interface UpdateEndpointUseCase {

    /**
     * {@code null} fields are left as they are.
     *
     * @param retrySchedule the endpoint's own retry delays ({@code 30s,5m,1h}), or empty to go back to
     *                      the deployment's schedule
     */
    record UpdateEndpointCommand(String url, List<String> events, String description, Boolean enabled,
                                 Integer rateLimit, Optional<String> retrySchedule) {

        public UpdateEndpointCommand(String url, List<String> events, String description, Boolean enabled,
                                     Integer rateLimit) {
            this(url, events, description, enabled, rateLimit, null);
        }
    }

    Result<Endpoint> update(AccountId account, String endpointId, UpdateEndpointCommand command);
}
