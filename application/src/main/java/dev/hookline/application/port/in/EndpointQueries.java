package dev.hookline.application.port.in;

import dev.hookline.application.port.out.Deliveries.Stats;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.endpoint.Endpoint;
import java.util.List;

/** Reads endpoints with what the list and detail pages show about them. */
public interface EndpointQueries {

    /** @param held deliveries queued while the endpoint is disabled (0 while it is enabled) */
    record EndpointView(Endpoint endpoint, Stats stats, long held) {
    }

    List<EndpointView> list(AccountId account);

    Result<EndpointView> get(AccountId account, String endpointId);
}
