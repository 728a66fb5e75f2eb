package dev.hookline.bootstrap;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.domain.id.EndpointId;
import jakarta.inject.Provider;
import java.util.Set;

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

    @Override
    public void deliveriesDue(Set<EndpointId> endpoints) {
        dispatcher.get().wake(endpoints);
    }
}
