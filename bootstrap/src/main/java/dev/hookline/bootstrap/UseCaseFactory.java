package dev.hookline.bootstrap;

import dev.hookline.application.port.out.Accounts;
import dev.hookline.application.port.out.ApiKeys;
import dev.hookline.application.port.out.Attempts;
import dev.hookline.application.port.out.Deliveries;
import dev.hookline.application.port.out.DispatchSignal;
import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.Endpoints;
import dev.hookline.application.port.out.EventTypes;
import dev.hookline.application.port.out.Events;
import dev.hookline.application.port.out.HostResolver;
import dev.hookline.application.port.out.PasswordHasher;
import dev.hookline.application.port.out.Transactions;
import dev.hookline.application.port.out.Users;
import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.application.service.AccountService;
import dev.hookline.application.service.DeliveryService;
import dev.hookline.application.service.Dispatcher;
import dev.hookline.application.service.EndpointService;
import dev.hookline.application.service.EventTypeService;
import dev.hookline.application.service.HooklineSettings;
import dev.hookline.application.service.HousekeepingService;
import dev.hookline.application.service.PublishService;
import dev.hookline.application.service.TestEventService;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Creates the application services: plain classes without framework annotations, so the core
 * stays free of Micronaut. Each service is exposed under the in-ports it implements.
 */
@Factory
public class UseCaseFactory {

    /**
     * In microseconds, what both databases keep: an object written at a nanosecond instant came back
     * from the next read at another (rounded) instant, so a write's answer and a later read of the
     * same object showed different times.
     */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    @Bean(preDestroy = "stop")
    Dispatcher dispatcher(Deliveries deliveries, Events events, Endpoints endpoints, EndpointTallies tallies,
                          Attempts attempts, WebhookSender sender, Transactions transactions, Clock clock,
                          HooklineSettings settings) {
        return new Dispatcher(deliveries, events, endpoints, tallies, attempts, sender, transactions, clock, settings);
    }

    /** Fresh deliveries this node has room for go from the publish straight to its dispatcher. */
    @Singleton
    PublishService publishService(Accounts accounts, EventTypes eventTypes, Endpoints endpoints, Events events,
                                  Deliveries deliveries, Transactions transactions, DispatchSignal signal,
                                  Dispatcher dispatcher, Clock clock, HooklineSettings settings) {
        return new PublishService(accounts, eventTypes, endpoints, events, deliveries, transactions, signal,
                dispatcher, clock, settings);
    }

    @Singleton
    EndpointService endpointService(Endpoints endpoints, Deliveries deliveries, EndpointTallies tallies,
                                    EventTypes eventTypes, HostResolver resolver, Transactions transactions,
                                    Clock clock, HooklineSettings settings) {
        return new EndpointService(endpoints, deliveries, tallies, eventTypes, resolver, transactions, clock, settings);
    }

    @Singleton
    AccountService accountService(Accounts accounts, ApiKeys apiKeys, Users users, PasswordHasher passwords,
                                  Transactions transactions, Clock clock) {
        return new AccountService(accounts, apiKeys, users, passwords, transactions, clock);
    }

    @Singleton
    DeliveryService deliveryService(Deliveries deliveries, Events events, Endpoints endpoints, Attempts attempts,
                                    EndpointTallies tallies, Transactions transactions, DispatchSignal signal,
                                    Clock clock) {
        return new DeliveryService(deliveries, events, endpoints, attempts, tallies, transactions, signal, clock);
    }

    @Singleton
    TestEventService testEventService(Endpoints endpoints, EndpointTallies tallies, EventTypes eventTypes,
                                      Events events, Deliveries deliveries, Attempts attempts, WebhookSender sender,
                                      Transactions transactions, Clock clock, HooklineSettings settings) {
        return new TestEventService(endpoints, tallies, eventTypes, events, deliveries, attempts, sender,
                transactions, clock, settings);
    }

    @Singleton
    HousekeepingService housekeepingService(Deliveries deliveries, Endpoints endpoints, EndpointTallies tallies,
                                            Events events, Transactions transactions, DispatchSignal signal,
                                            Clock clock, HooklineSettings settings) {
        return new HousekeepingService(deliveries, endpoints, tallies, events, transactions, signal, clock,
                settings);
    }

    @Singleton
    EventTypeService eventTypeService(EventTypes eventTypes, Transactions transactions) {
        return new EventTypeService(eventTypes, transactions);
    }
}
