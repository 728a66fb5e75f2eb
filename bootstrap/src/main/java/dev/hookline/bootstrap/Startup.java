package dev.hookline.bootstrap;

import dev.hookline.application.port.in.DispatchDeliveriesUseCase;
import dev.hookline.application.service.AccountService;
import dev.hookline.application.service.EventTypeService;
import dev.hookline.bootstrap.demo.DemoData;
import dev.hookline.bootstrap.scheduling.QuartzScheduling;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the server is up: seeds the event catalog, makes sure an operator can log in, seeds demo
 * data when asked, starts the dispatcher and the Quartz jobs, and says where to go.
 */
@Singleton
public class Startup implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private final EventTypeService eventTypes;
    private final AccountService accounts;
    private final DispatchDeliveriesUseCase dispatcher;
    private final QuartzScheduling scheduling;
    private final OperatorCredentials operator;
    private final Optional<DemoData> demo;
    private final boolean dispatch;

    public Startup(EventTypeService eventTypes, AccountService accounts, DispatchDeliveriesUseCase dispatcher,
                   QuartzScheduling scheduling, OperatorCredentials operator, Optional<DemoData> demo,
                   @Value("${hookline.dispatcher.enabled:true}") boolean dispatch) {
        this.eventTypes = eventTypes;
        this.accounts = accounts;
        this.dispatcher = dispatcher;
        this.scheduling = scheduling;
        this.operator = operator;
        this.demo = demo;
        this.dispatch = dispatch;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        eventTypes.seedDefaults();
        String url = "http://localhost:" + event.getSource().getPort();
        StringBuilder banner = new StringBuilder();
        if (accounts.ensureOperator(operator.adminEmail(), operator.adminPassword()) && operator.passwordGenerated()) {
            banner.append("\n  Operator login for ").append(url).append("/admin (shown once): ")
                    .append(operator.adminEmail()).append(" / ").append(operator.adminPassword());
        }
        operator.newOperatorKey().ifPresent(key -> banner.append(
                "\n  Operator API key for POST /v1/accounts and /v1/events (shown once): ").append(key));
        demo.flatMap(d -> d.seedIfEmpty(url)).ifPresent(text -> banner.append(text));
        if (dispatch) {
            dispatcher.start();
        }
        try {
            scheduling.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler", e);
        }
        LOG.info("Hookline is running: open {}{}", url, banner);
    }
}
