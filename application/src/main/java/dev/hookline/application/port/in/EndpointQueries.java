package dev.hookline.application.port.in;

import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;

/** Reads endpoints with what the list and detail pages show about them. */
public interface EndpointQueries {

    /**
     * @param stats the endpoint's counts over the stats window (7 days, to the hour): its success rate
     * @param held  deliveries queued while the endpoint is disabled (0 while it is enabled)
     */
    record EndpointView(Endpoint endpoint, DeliveryTally stats, long held) {
    }

    List<EndpointView> list(AccountId account);

    Result<EndpointView> get(AccountId account, String endpointId);
}
