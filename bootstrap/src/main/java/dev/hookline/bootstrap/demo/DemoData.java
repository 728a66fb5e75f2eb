package dev.hookline.bootstrap.demo;

import dev.hookline.application.port.in.CreateAccountUseCase;
import dev.hookline.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.hookline.application.port.in.CreateAccountUseCase.CreatedAccount;
import dev.hookline.application.port.in.EventTypeCatalogUseCase;
import dev.hookline.application.port.in.PublishEventUseCase;
import dev.hookline.application.port.in.PublishEventUseCase.PublishEventCommand;
import dev.hookline.application.port.in.RegisterEndpointUseCase;
import dev.hookline.application.port.in.RegisterEndpointUseCase.RegisterEndpointCommand;
import dev.hookline.application.port.out.Accounts;
import dev.hookline.bootstrap.DataDirectory;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.json.Json;
import dev.hookline.domain.event.json.JsonParse;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@code hookline.demo=true} on an empty database: a demo account with a web user, an API key and
 * an endpoint pointing at the built-in {@link DemoReceiverController}, plus a few events so the
 * delivery log has something to show. Prints the credentials once.
 */
@Singleton
@Requires(property = "hookline.demo", value = "true")
public class DemoData {

    public static final String EMAIL = "demo@hookline.local";

    private final Accounts accounts;
    private final CreateAccountUseCase createAccount;
    private final RegisterEndpointUseCase registerEndpoint;
    private final PublishEventUseCase publish;
    private final EventTypeCatalogUseCase catalog;

    public DemoData(Accounts accounts, CreateAccountUseCase createAccount, RegisterEndpointUseCase registerEndpoint,
                    PublishEventUseCase publish, EventTypeCatalogUseCase catalog) {
        this.accounts = accounts;
        this.createAccount = createAccount;
        this.registerEndpoint = registerEndpoint;
        this.publish = publish;
        this.catalog = catalog;
    }

    /** Seeds the demo when no account exists yet; returns what to print. */
    public Optional<String> seedIfEmpty(String baseUrl) {
        if (accounts.count() > 0) {
            return Optional.empty();
        }
        String password = DataDirectory.randomToken("", 12);
        CreatedAccount created = createAccount.create(new CreateAccountCommand("Demo Shop", EMAIL, password))
                .orElseThrow();
        String accountId = created.account().id().value();
        registerEndpoint.register(created.account().id(), new RegisterEndpointCommand(
                baseUrl + DemoReceiverController.PATH, List.of("*"),
                "Built-in demo receiver (answers 500 to payment.failed to show retries)", null, null)).orElseThrow();
        List<EventType> types = catalog.list();
        for (String name : List.of("payment.succeeded", "invoice.paid", "subscription.created", "payment.failed")) {
            types.stream().filter(t -> t.name().value().equals(name)).findFirst().ifPresent(type -> {
                JsonParse parsed = Json.parse(type.sample());
                publish.publish(new PublishEventCommand(accountId, name, ((JsonParse.Parsed) parsed).value(), null,
                        null, null));
            });
        }
        return Optional.of("\n  Demo merchant login: " + EMAIL + " / " + password
                + "\n  Demo account " + accountId + " API key (shown once): " + created.apiKey()
                + "\n  Try: curl -H 'Authorization: Bearer " + created.apiKey() + "' " + baseUrl + "/v1/webhooks");
    }
}
