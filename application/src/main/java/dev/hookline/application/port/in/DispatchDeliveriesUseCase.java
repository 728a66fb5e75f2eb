package dev.hookline.application.port.in;

/**
 * The dispatcher: claims due deliveries, sends them with bounded concurrency and records the
 * attempts. One per node; any number of nodes may share a database.
 */
public interface DispatchDeliveriesUseCase {

    /** Starts the dispatching threads. */
    void start();

    /** Wakes the dispatcher now: deliveries became due (publish, retry, re-enable, sweep). */
    void wake();

    /** Stops claiming, waits up to the timeout for in-flight attempts to be recorded. */
    void stop();
}
