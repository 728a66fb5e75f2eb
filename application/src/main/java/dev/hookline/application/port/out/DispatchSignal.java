package dev.hookline.application.port.out;

/** Tells dispatchers (this node's, and with PostgreSQL the other nodes') that deliveries are due now. */
public interface DispatchSignal {

    void deliveriesDue();
}
