package dev.hookline.application.service;

import dev.hookline.application.port.in.HousekeepingUseCase;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.domain.endpoint.Disablement;
import dev.hookline.domain.endpoint.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The periodic jobs: due sweep, auto-disable, held expiry, retention purge, each in small batches. */
public final class HousekeepingService implements HousekeepingUseCase {

    static final int BATCH = 500;

    private final Deliveries deliveries;
    private final Endpoints endpoints;
    private final Events events;
    private final Transactions transactions;
    private final DispatchSignal signal;
    private final Clock clock;
    private final HooklineSettings settings;

    public HousekeepingService(Deliveries deliveries, Endpoints endpoints, Events events, Transactions transactions,
                               DispatchSignal signal, Clock clock, HooklineSettings settings) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.events = events;
        this.transactions = transactions;
        this.signal = signal;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public boolean sweepDueDeliveries() {
        Optional<Instant> next = deliveries.nextDueAt();
        boolean due = next.isPresent() && !next.get().isAfter(clock.instant());
        if (due) {
            signal.deliveriesDue();
        }
        return due;
    }

    @Override
    public int autoDisableEndpoints() {
        Instant now = clock.instant();
        int disabled = 0;
        for (Endpoint candidate : endpoints.autoDisableCandidates(settings.autoDisable().failingSinceCutoff(now), BATCH)) {
            Optional<Disablement> why = settings.autoDisable().check(candidate.health(), now);
            if (why.isPresent()) {
                transactions.run(() -> {
                    endpoints.update(candidate.disable(why.get()));
                    deliveries.holdAll(candidate.id(), now);
                });
                disabled++;
            }
        }
        return disabled;
    }

    @Override
    public int expireHeldDeliveries() {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> deliveries.expireHeld(now.minus(settings.retention()), now, BATCH));
    }

    @Override
    public int purgeExpiredData() {
        Instant cutoff = clock.instant().minus(settings.retention());
        int purged = transactions.inTransaction(() -> deliveries.purge(cutoff, BATCH));
        return purged + transactions.inTransaction(() -> events.purge(cutoff, BATCH));
    }
}
