package dev.hookline.bootstrap;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.DispatchSignal;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** Wakes this node's dispatcher at once when deliveries become due. */
@Singleton
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
