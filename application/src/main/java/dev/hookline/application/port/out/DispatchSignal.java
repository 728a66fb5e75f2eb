package dev.hookline.application.port.out;

import dev.hookline.domain.id.EndpointId;
import java.util.Set;

/** Tells dispatchers (this node's, and with PostgreSQL the other nodes') that deliveries are due now. */
public interface DispatchSignal {

    /** Deliveries became due (a retry, a re-enable, a sweep). */
    void deliveriesDue();

    /**
     * Deliveries became due now for these endpoints only (a publish): this node's dispatcher need
     * not claim while they all have no free slot there. Other nodes are told as by {@link #deliveriesDue()}.
     */
    default void deliveriesDue(Set<EndpointId> endpoints) {
        deliveriesDue();
    }
}
