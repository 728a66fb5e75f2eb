package dev.hookline.bootstrap;

import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.application.port.out.DeliveryReports;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.service.EndpointHistoryService;
import dev.hookline.application.service.OperatorConsoleService;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The services behind the web pages: the endpoint page's history and log, and the operator console. */
@Factory
public class PagesFactory {

    @Singleton
    EndpointHistoryService endpointHistoryService(Endpoints endpoints, DeliveryReports reports,
                                                  EndpointTallies tallies, DeliveryQueries deliveries, Clock clock) {
        return new EndpointHistoryService(endpoints, reports, tallies, deliveries, clock);
    }

    /** One background thread runs "retry all matching": runs queue up rather than compete for the database. */
    @Singleton
    @Named("bulk-retry")
    @Bean(preDestroy = "shutdownNow")
    ExecutorService bulkRetryExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hookline-bulk-retry");
            t.setDaemon(true);
            return t;
        });
    }

    @Singleton
    OperatorConsoleService operatorConsoleService(DeliveryReports reports, RetryDeliveryUseCase retries,
                                                  @Named("bulk-retry") ExecutorService executor, Clock clock) {
        return new OperatorConsoleService(reports, retries, executor, clock);
    }
}
