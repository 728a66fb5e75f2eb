package dev.hookline.adapters.web.api;

import dev.hookline.adapters.web.api.ApiViews.AccountView;
import dev.hookline.adapters.web.api.ApiViews.EventTypeView;
import dev.hookline.adapters.web.api.ApiViews.PublishedView;
import dev.hookline.application.port.in.CreateAccountUseCase;
import dev.hookline.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.hookline.application.port.in.CreateAccountUseCase.CreatedAccount;
import dev.hookline.application.port.in.EventTypeCatalogUseCase;
import dev.hookline.application.port.in.EventTypeCatalogUseCase.AddEventTypeCommand;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.PublishEventUseCase;
import dev.hookline.application.port.in.PublishEventUseCase.PublishEventCommand;
import dev.hookline.application.port.in.PublishEventUseCase.PublishedEvent;
import dev.hookline.application.service.HooklineSettings;
import dev.hookline.domain.event.WireEnvelope;
import dev.hookline.domain.event.json.JsonValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;

/** Routes for the platform's services, with the operator key: accounts, events, event types. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorController {

    private final CreateAccountUseCase createAccount;
    private final PublishEventUseCase publish;
    private final EventTypeCatalogUseCase catalog;
    private final int maxPayload;

    public OperatorController(CreateAccountUseCase createAccount, PublishEventUseCase publish,
                              EventTypeCatalogUseCase catalog, HooklineSettings settings) {
        this.createAccount = createAccount;
        this.publish = publish;
        this.catalog = catalog;
        this.maxPayload = settings.maxPayloadBytes();
    }

    @Post(value = "/accounts", consumes = MediaType.ALL)
    public HttpResponse<AccountView> createAccount(HttpRequest<?> request, @Nullable @Body String body) {
        Callers.operator(request);
        JsonBody json = JsonBody.parse(body);
        CreatedAccount created = Callers.value(createAccount.create(new CreateAccountCommand(
                json.requiredString("name"), json.string("owner_email"), json.string("owner_password"))));
        return HttpResponse.created(new AccountView(created.account().id().value(), created.account().name(),
                created.apiKey(), created.account().createdAt().toString()));
    }

    @Post(value = "/events", consumes = MediaType.ALL)
    public HttpResponse<PublishedView> publish(HttpRequest<?> request, @Nullable @Body String body,
                                               @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Callers.operator(request);
        if (body != null && body.length() > maxPayload / 4
                && body.getBytes(StandardCharsets.UTF_8).length > maxPayload) {
            throw new ApiException(new Problem(Problem.Kind.TOO_LARGE, null,
                    "the event is larger than " + maxPayload / 1024 + " KiB (hookline.events.max-payload)"));
        }
        JsonBody json = JsonBody.parse(body);
        JsonValue data = json.value("data");
        PublishedEvent published = Callers.value(publish.publish(new PublishEventCommand(json.string("account_id"),
                json.string("type"), data, json.value("previous_data"), json.value("entities"), idempotencyKey)));
        PublishedView view = new PublishedView(published.event().id().value(), published.event().type().value(),
                WireEnvelope.timestamp(published.event().createdAt()), published.deliveries(), published.replayed());
        return HttpResponse.status(HttpStatus.ACCEPTED).body(view);
    }

    @Post(value = "/event-types", consumes = MediaType.ALL)
    public HttpResponse<EventTypeView> addEventType(HttpRequest<?> request, @Nullable @Body String body) {
        Callers.operator(request);
        JsonBody json = JsonBody.parse(body);
        JsonValue sample = json.value("sample");
        return HttpResponse.created(EventTypeView.of(Callers.value(catalog.add(new AddEventTypeCommand(
                json.string("name"), json.string("category"), json.string("description"),
                sample == null ? null : sample.canonical())))));
    }
}
