package dev.hookline.application.service;

import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.Event;
import dev.hookline.domain.id.EndpointId;
import java.util.List;

/**
 * Fresh deliveries go straight to this node's dispatcher when it has room for them: the publish
 * writes them already claimed ({@code SENDING}, leased to this node) and hands them over once
 * committed, instead of writing them {@code PENDING} for a claim transaction to write again. A
 * node that dies before sending them leaves them to the lease, like any claimed delivery.
 *
 * <p>Room is reserved first, inside the publish's transaction: every {@link #reserve} that said yes
 * is followed by exactly one {@link #handOver} (committed) or {@link #release} (rolled back).
 */
public interface Handover {

    /**
     * Whether a fresh delivery to {@code endpoint} may be written claimed by this node, which keeps
     * a slot for it: only when nothing is known to wait for a claim (the due queue was empty at the
     * last claim, no backlog is being drained), the node and the endpoint have free slots, and
     * the endpoint is not waiting for its rate limit.
     */
    boolean reserve(EndpointId endpoint);

    /** The publish that reserved for {@code endpoint} was rolled back. */
    void release(EndpointId endpoint);

    /** Reserved deliveries, written claimed and committed, with their event: to be sent. */
    void handOver(Event event, List<Delivery> claimed);

    /** No dispatcher here: every delivery is written due, for a claim. */
    Handover NONE = new Handover() {
        @Override
        public boolean reserve(EndpointId endpoint) {
            return false;
        }

        @Override
        public void release(EndpointId endpoint) {
            throw new IllegalStateException("nothing was reserved");
        }

        @Override
        public void handOver(Event event, List<Delivery> claimed) {
            throw new IllegalStateException("nothing was reserved");
        }
    };
}
