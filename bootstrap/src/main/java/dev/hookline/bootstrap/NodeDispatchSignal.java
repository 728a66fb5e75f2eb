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
    /** The other nodes, on PostgreSQL; null on H2. */
    private final PostgresDispatchSignal postgres;

    public NodeDispatchSignal(Jdbc jdbc, DataSource dataSource, Provider<DispatchDeliveriesUseCase> dispatcher,
                              NodeName node) {
        local = new LocalDispatchSignal(dispatcher);
        postgres = jdbc.database() == Jdbc.Database.POSTGRESQL
                ? PostgresDispatchSignal.start(dataSource, local::deliveriesDue, node.value())
                : null;
    }

    @Override
    public void deliveriesDue() {
        local.deliveriesDue();
        notifyOthers();
    }

    @Override
    public void deliveriesDue(Set<EndpointId> endpoints) {
        local.deliveriesDue(endpoints);
        notifyOthers();
    }

    private void notifyOthers() {
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
