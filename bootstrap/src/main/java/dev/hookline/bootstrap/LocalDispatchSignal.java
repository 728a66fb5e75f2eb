package dev.hookline.bootstrap;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.DispatchSignal;
import jakarta.inject.Provider;

/** Wakes this node's dispatcher at once when deliveries become due (H2: there is only this node). */
public class LocalDispatchSignal implements DispatchSignal {

    private final Provider<DispatchDeliveriesUseCase> dispatcher;

    public LocalDispatchSignal(Provider<DispatchDeliveriesUseCase> dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void deliveriesDue() {
        dispatcher.get().wake();
    }
}
