package dev.hookline.application.service;

import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import java.time.Instant;
import java.util.List;

/**
 * Held deliveries become due again in chunks: the request that enables an endpoint releases the
 * first chunk in its own transaction and, when there may be more, marks the endpoint; the
 * housekeeping job releases the rest a chunk per transaction. Releasing 100,000 held deliveries in
 * the enabling transaction took longer than a minute on H2 (a request that long times out, and the
 * dispatcher could start on none of them until it committed).
 */
final class HeldRelease {

    /** Held deliveries released per transaction. */
    static final int CHUNK = 1_000;

    private HeldRelease() {
    }

    /**
     * The first chunk of {@code endpoint}'s held deliveries, in the enabling transaction; when the
     * chunk is full there may be more, and the endpoint is marked for the job.
     */
    static int releaseFirstChunk(Deliveries deliveries, Endpoints endpoints, EndpointId endpoint, Instant now) {
        List<DeliveryId> released = deliveries.releaseHeld(endpoint, null, now, CHUNK);
        if (released.size() == CHUNK) {
            endpoints.markReleasing(endpoint);
        }
        return released.size();
    }
}
