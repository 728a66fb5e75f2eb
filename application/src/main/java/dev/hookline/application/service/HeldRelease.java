package dev.hookline.application.service;

import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.domain.id.EndpointId;
import java.time.Instant;

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
     * One chunk of {@code endpoint}'s held deliveries, in the caller's transaction; marks the
     * endpoint for the job while a full chunk suggests more, and unmarks it once a chunk comes up
     * short. Returns how many were released.
     */
    static int releaseChunk(Deliveries deliveries, Endpoints endpoints, EndpointId endpoint, Instant now) {
        int released = deliveries.releaseHeld(endpoint, now, CHUNK);
        endpoints.markReleasing(endpoint, released == CHUNK);
        return released;
    }
}
