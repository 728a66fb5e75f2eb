package dev.hookline.bootstrap;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.adapters.persistence.signal.PostgresDispatchSignal;
import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.domain.id.EndpointId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link DispatchSignal} for the store Hookline runs on: with H2 (one node) it wakes this node's
 * dispatcher; with PostgreSQL it also NOTIFYs every other node, which LISTEN (see
 * {@link PostgresDispatchSignal}).
 */
@Singleton
public class NodeDispatchSignal implements DispatchSignal {

    private final LocalDispatchSignal local;
    private final DispatchSignal signal;
    private final PostgresDispatchSignal postgres;

    public NodeDispatchSignal(Jdbc jdbc, DataSource dataSource, Provider<DispatchDeliveriesUseCase> dispatcher,
                              NodeName node) {
        local = new LocalDispatchSignal(dispatcher);
        if (jdbc.database() == Jdbc.Database.POSTGRESQL) {
            postgres = PostgresDispatchSignal.start(dataSource, local::deliveriesDue, node.value());
            signal = postgres;
        } else {
            postgres = null;
            signal = local;
        }
    }

    @Override
    public void deliveriesDue() {
        signal.deliveriesDue();
    }

    @Override
    public void deliveriesDue(Set<EndpointId> endpoints) {
        local.deliveriesDue(endpoints);
        if (postgres != null) {
            postgres.notifyOthers();
        }
    }

    /** Whether other nodes' signals reach this one (always, on H2, where there are none). */
    public boolean listening() {
        return postgres == null || postgres.listening();
    }

    @PreDestroy
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
