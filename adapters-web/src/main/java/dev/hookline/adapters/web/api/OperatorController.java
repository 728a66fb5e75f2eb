package dev.hookline.adapters.web.api;

import static dev.hookline.adapters.web.api.ApiDocumentation.JSON;

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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Routes for the platform's services, with the operator key: accounts, events, event types. Publishing
 * runs on the event loop (nothing in it blocks once the account and type are known: the write is
 * group-committed on its own thread); the rest on the blocking executor.
 */
@Controller("/v1")
@Tag(name = ApiDocumentation.OPERATOR)
@ApiResponse(responseCode = "400", description = "malformed JSON, a missing field or a field of the wrong type",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "no key, or not a valid one",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "a merchant key: these routes need the operator key",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "415", description = "a body without Content-Type: application/json",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
public class OperatorController {

    private final CreateAccountUseCase createAccount;
    private final PublishEventUseCase publish;
    private final EventTypeCatalogUseCase catalog;
    private final int maxPayload;

    private final Executor blocking;

    public OperatorController(CreateAccountUseCase createAccount, PublishEventUseCase publish,
                              EventTypeCatalogUseCase catalog, HooklineSettings settings,
                              @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.createAccount = createAccount;
        this.publish = publish;
        this.catalog = catalog;
        this.maxPayload = settings.maxPayloadBytes();
        this.blocking = blocking;
    }

    @Post(value = "/accounts", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "createAccount", summary = "Create a merchant account",
            description = "Answers with the account's first API key, shown only this once.")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.CreateAccount.class)))
    @ApiResponse(responseCode = "201", description = "the account and its API key",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = AccountView.class)))
    @ApiResponse(responseCode = "409", description = "a web user with owner_email exists already",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<AccountView> createAccount(HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @Body byte[] body) {
        Callers.operator(request);
        ApiRequests.CreateAccount in = ApiRequests.CreateAccount.read(JsonBody.parse(request, body));
        CreatedAccount created = Callers.value(createAccount.create(new CreateAccountCommand(
                in.name(), in.ownerEmail(), in.ownerPassword())));
        return HttpResponse.created(new AccountView(created.account().id().value(), created.account().name(),
                created.apiKey(), created.account().createdAt().toString()));
    }

    @Post(value = "/events", consumes = MediaType.ALL)
    @Operation(operationId = "publishEvent", summary = "Publish an event",
            description = "Stores the event and one delivery per subscribed webhook in one transaction, then "
                    + "answers; delivery happens in the background. A repeated Idempotency-Key with the same "
                    + "body returns the first event (replayed: true, with its deliveries) and creates nothing; with "
                    + "another body it is a 409.")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.PublishEvent.class)))
    @ApiResponse(responseCode = "202", description = "stored; deliveries is how many webhooks it goes to",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = PublishedView.class)))
    @ApiResponse(responseCode = "409", description = "the Idempotency-Key was used for another event body",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "the body is over hookline.events.max-payload (256 KiB)",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "unknown event type or account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public CompletableFuture<HttpResponse<PublishedView>> publish(HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @Body byte[] body,
                                               @Parameter(description = "optional, 1 to 255 characters; a repeat "
                                                       + "for the same account returns the first event")
                                               @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        Callers.operator(request);
        if (body != null && body.length > maxPayload) {
            throw new ApiException(new Problem(Problem.Kind.TOO_LARGE, null,
                    "the event is larger than " + maxPayload / 1024 + " KiB (hookline.events.max-payload)"));
        }
        ApiRequests.PublishEvent.Values in = ApiRequests.PublishEvent.read(JsonBody.parse(request, body));
        return publish.publishAsync(new PublishEventCommand(in.accountId(), in.type(), in.data(), in.previousData(),
                in.entities(), idempotencyKey), blocking).thenApply(result -> {
                    PublishedEvent published = Callers.value(result);
                    return HttpResponse.status(HttpStatus.ACCEPTED).body(new PublishedView(
                            published.event().id().value(), published.event().type().value(),
                            WireEnvelope.timestamp(published.event().createdAt()), published.deliveries(),
                            published.replayed()));
                });
    }

    @Post(value = "/event-types", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "addEventType", summary = "Add an event type to the catalog")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.AddEventType.class)))
    @ApiResponse(responseCode = "201", description = "the new event type",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = EventTypeView.class)))
    @ApiResponse(responseCode = "409", description = "an event type of that name exists",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "a name that is not category.action, or over 100 characters",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<EventTypeView> addEventType(HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @Body byte[] body) {
        Callers.operator(request);
        ApiRequests.AddEventType.Values in = ApiRequests.AddEventType.read(JsonBody.parse(request, body));
        return HttpResponse.created(EventTypeView.of(Callers.value(catalog.add(new AddEventTypeCommand(
                in.name(), in.category(), in.description(), in.sample() == null ? null : in.sample().canonical())))));
    }
}
