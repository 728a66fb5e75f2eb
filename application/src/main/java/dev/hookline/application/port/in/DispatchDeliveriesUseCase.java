package dev.hookline.application.port.in;

import dev.hookline.domain.id.EndpointId;
import java.util.Set;

/**
 * The dispatcher: claims due deliveries, sends them with bounded concurrency and records the
 * attempts. One per node; any number of nodes may share a database.
 */
public interface DispatchDeliveriesUseCase {

    /** Starts the dispatching threads. */
    void start();

    /** Wakes the dispatcher now: deliveries became due where it cannot tell (retry, re-enable, sweep, another node). */
    void wake();

    /**
     * Wakes the dispatcher now: deliveries became due for these endpoints only (a publish). While
     * they all have no free slot on this node, it need not claim.
     */
    void wake(Set<EndpointId> dueFor);

    /** Stops claiming, waits up to the timeout for in-flight attempts to be recorded. */
    void stop();
}
