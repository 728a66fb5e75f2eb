package dev.hookline.adapters.web.api;

import static dev.hookline.adapters.web.api.ApiDocumentation.CURSOR;
import static dev.hookline.adapters.web.api.ApiDocumentation.JSON;
import static dev.hookline.adapters.web.api.ApiDocumentation.LIMIT;

import dev.hookline.adapters.web.api.ApiViews.AttemptView;
import dev.hookline.adapters.web.api.ApiViews.CountView;
import dev.hookline.adapters.web.api.ApiViews.DeliveryDetailView;
import dev.hookline.adapters.web.api.ApiViews.DeliveryList;
import dev.hookline.adapters.web.api.ApiViews.DeliveryView;
import dev.hookline.adapters.web.api.ApiViews.EventTypeList;
import dev.hookline.adapters.web.api.ApiViews.WebhookList;
import dev.hookline.adapters.web.api.ApiViews.EventTypeView;
import dev.hookline.adapters.web.api.ApiViews.EventView;
import dev.hookline.adapters.web.api.ApiViews.ListView;
import dev.hookline.adapters.web.api.ApiViews.SecretView;
import dev.hookline.adapters.web.api.ApiViews.TestResultView;
import dev.hookline.adapters.web.api.ApiViews.WebhookView;
import dev.hookline.application.port.in.DeleteEndpointUseCase;
import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.DeliveryQueries.DeliveryDetails;
import dev.hookline.application.port.in.DeliveryQueries.DeliveryLogQuery;
import dev.hookline.application.port.in.EndpointQueries;
import dev.hookline.application.port.in.EndpointQueries.EndpointView;
import dev.hookline.application.port.in.EventTypeCatalogUseCase;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.RegisterEndpointUseCase;
import dev.hookline.application.port.in.RegisterEndpointUseCase.RegisterEndpointCommand;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.application.port.in.RotateSecretUseCase;
import dev.hookline.application.port.in.RotateSecretUseCase.RotatedSecret;
import dev.hookline.application.port.in.SendTestEventUseCase;
import dev.hookline.application.port.in.SendTestEventUseCase.TestResult;
import dev.hookline.application.port.in.UpdateEndpointUseCase;
import dev.hookline.application.port.in.UpdateEndpointUseCase.UpdateEndpointCommand;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.EventType;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.signing.SecretRing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Merchant routes: webhooks, their deliveries, test events, and the event type catalog. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = ApiDocumentation.WEBHOOKS)
@ApiResponse(responseCode = "400",
        description = "malformed JSON, a missing or unknown field, a field of the wrong type, a bad query parameter",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "401", description = "no key, or not a valid one",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "the operator key: these routes need a merchant API key",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "415", description = "a body without Content-Type: application/json",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "429", description = "over the key's rate limit; see Retry-After",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
public class WebhooksController {


    private final RegisterEndpointUseCase register;
    private final UpdateEndpointUseCase update;
    private final DeleteEndpointUseCase delete;
    private final RotateSecretUseCase rotate;
    private final EndpointQueries endpoints;
    private final SendTestEventUseCase testEvents;
    private final DeliveryQueries deliveries;
    private final RetryDeliveryUseCase retry;
    private final EventTypeCatalogUseCase catalog;
    private final Clock clock;

    public WebhooksController(RegisterEndpointUseCase register, UpdateEndpointUseCase update,
                              DeleteEndpointUseCase delete, RotateSecretUseCase rotate, EndpointQueries endpoints,
                              SendTestEventUseCase testEvents, DeliveryQueries deliveries, RetryDeliveryUseCase retry,
                              EventTypeCatalogUseCase catalog, Clock clock) {
        this.register = register;
        this.update = update;
        this.delete = delete;
        this.rotate = rotate;
        this.endpoints = endpoints;
        this.testEvents = testEvents;
        this.deliveries = deliveries;
        this.retry = retry;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Any valid key (merchant or operator) may read the catalog. */
    @Get("/event-types")
    @Tag(name = ApiDocumentation.WEBHOOKS)
    @Operation(operationId = "listEventTypes", summary = "List the event types webhooks can subscribe to",
            description = "Any valid key may read the catalog. Ordered by name, a page at a time.")
    @ApiResponse(responseCode = "200", description = "a page of the catalog",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = EventTypeList.class)))
    public EventTypeList eventTypes(HttpRequest<?> request,
                                    @Parameter(description = LIMIT, schema = @Schema(type = "integer", minimum = "1",
                                            maximum = "100")) @Nullable @QueryValue String limit,
                                    @Parameter(description = CURSOR) @Nullable @QueryValue String cursor) {
        // the catalog comes ordered by name
        Page<EventType> page = Paging.of(catalog.list(), limit, cursor, EventTypeName::isValid, t -> t.name().value(),
                false);
        return EventTypeList.of(ListView.of(page, EventTypeView::of));
    }

    @Post(value = "/webhooks", consumes = MediaType.ALL)
    @Operation(operationId = "createWebhook", summary = "Register a webhook endpoint",
            description = "Answers with the endpoint and its signing secret.")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.CreateWebhook.class)))
    @ApiResponse(responseCode = "201", description = "the endpoint, with secret",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = WebhookView.class)))
    @ApiResponse(responseCode = "422", description = "a refused url (the reason says why), an unknown event "
            + "type, or a bad secret",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<WebhookView> create(HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        ApiRequests.CreateWebhook in = ApiRequests.CreateWebhook.read(JsonBody.parse(request, body));
        Endpoint created = Callers.value(register.register(account, new RegisterEndpointCommand(
                in.url(), in.events(), in.description(), in.secret(), in.rateLimit(), in.retrySchedule())));
        EndpointView view = Callers.value(endpoints.get(account, created.id().value()));
        return HttpResponse.created(WebhookView.of(view, created.secrets().current().value()));
    }

    @Get("/webhooks")
    @Operation(operationId = "listWebhooks", summary = "List your webhooks, newest first")
    @ApiResponse(responseCode = "200", description = "a page of endpoints",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = WebhookList.class)))
    public WebhookList list(HttpRequest<?> request,
                            @Parameter(description = LIMIT, schema = @Schema(type = "integer", minimum = "1",
                                    maximum = "100")) @Nullable @QueryValue String limit,
                            @Parameter(description = CURSOR) @Nullable @QueryValue String cursor) {
        AccountId account = Callers.merchant(request);
        // endpoints come newest first and ids are time-ordered
        Page<EndpointView> page = Paging.of(endpoints.list(account), limit, cursor, EndpointId::isValid,
                v -> v.endpoint().id().value(), true);
        return WebhookList.of(ListView.of(page, v -> WebhookView.of(v, null)));
    }

    @Get("/webhooks/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook with its status and delivery stats",
            description = "success_rate: percent of the deliveries finished in the last 7 days (to the hour) that"
                    + " succeeded, null when none finished;"
                    + " last_delivery_at and last_delivery_status: the most recent attempt and where it left its"
                    + " delivery (succeeded, retrying, failed, held), null before the first attempt.")
    @ApiResponse(responseCode = "200", description = "the endpoint",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = WebhookView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public WebhookView get(HttpRequest<?> request, @PathVariable String id) {
        return WebhookView.of(Callers.value(endpoints.get(Callers.merchant(request), id)), null);
    }

    @Get("/webhooks/{id}/secret")
    @Operation(operationId = "getWebhookSecret", summary = "Reveal a webhook's current signing secret")
    @ApiResponse(responseCode = "200", description = "the current secret",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = SecretView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public SecretView secret(HttpRequest<?> request, @PathVariable String id) {
        EndpointView view = Callers.value(endpoints.get(Callers.merchant(request), id));
        SecretRing secrets = view.endpoint().secrets();
        return new SecretView(secrets.current().value(),
                secrets.previousSignUntil(clock.instant()).map(Instant::toString).orElse(null));
    }

    @Patch(value = "/webhooks/{id}", consumes = MediaType.ALL)
    @Operation(operationId = "updateWebhook", summary = "Change a webhook",
            description = "Disabling holds its deliveries (nothing is sent while disabled; those waiting become "
                    + "held within about a second); enabling has the held ones sent, oldest first (each stays "
                    + "held until it is sent).")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.UpdateWebhook.class)))
    @ApiResponse(responseCode = "200", description = "the changed endpoint",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = WebhookView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "a refused url or an unknown event type",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public WebhookView patch(HttpRequest<?> request, @PathVariable String id,
            @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parse(request, body);
        ApiRequests.UpdateWebhook in = ApiRequests.UpdateWebhook.read(json);
        // retry_schedule absent: unchanged; null: the deployment's schedule again
        Optional<String> retrySchedule = json.value("retry_schedule") == null ? null
                : Optional.ofNullable(in.retrySchedule());
        Callers.value(update.update(account, id, new UpdateEndpointCommand(in.url(), in.events(), in.description(),
                in.enabled(), in.rateLimit(), retrySchedule)));
        return WebhookView.of(Callers.value(endpoints.get(account, id)), null);
    }

    @Delete(value = "/webhooks/{id}", consumes = MediaType.ALL)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its delivery log",
            description = "The webhook and its deliveries are gone for every request at once; nothing more is "
                    + "sent to it. Its stored deliveries and attempts are removed in the background within "
                    + "seconds.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id,
                                     @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        ApiRequests.noFields(JsonBody.parseOptional(request, body)); // like every route: no field passes unread
        Callers.value(delete.delete(account, id));
        return HttpResponse.noContent();
    }

    @Post(value = "/webhooks/{id}/rotate-secret", consumes = MediaType.ALL)
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook's signing secret",
            description = "The previous secret keeps signing until previous_secret_expires_at (24 h by default). "
                    + "The new secret is always generated: the request takes no body (or {}), any field is a 400.")
    @RequestBody(required = false, description = "none, or an empty JSON object",
            content = @Content(mediaType = JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "200", description = "the new secret",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = SecretView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public SecretView rotateSecret(HttpRequest<?> request, @PathVariable String id,
                                   @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        ApiRequests.noFields(JsonBody.parseOptional(request, body));
        RotatedSecret rotated = Callers.value(rotate.rotate(account, id));
        return new SecretView(rotated.secret().value(), rotated.previousExpiresAt().toString());
    }

    @Post(value = "/webhooks/test", consumes = MediaType.ALL)
    @Operation(operationId = "sendTestEvent", summary = "Send a test event now",
            description = "Sends the event type's sample payload (with test: true) and answers with the attempt.")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.SendTestEvent.class)))
    @ApiResponse(responseCode = "200", description = "the attempt: status succeeded or failed, response "
            + "code, time and body",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TestResultView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "unknown event type",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public TestResultView test(HttpRequest<?> request, @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        ApiRequests.SendTestEvent in = ApiRequests.SendTestEvent.read(JsonBody.parse(request, body));
        TestResult result = Callers.value(testEvents.send(account, in.webhookId(), in.eventType()));
        Attempt attempt = result.attempt();
        AttemptOutcome outcome = attempt.outcome();
        return new TestResultView(result.delivery().id().value(), outcome.succeeded() ? "succeeded" : "failed",
                outcome.statusCode().orElse(null), attempt.duration().toMillis(),
                outcome instanceof AttemptOutcome.Response r ? r.body() : null,
                outcome.errorKind().map(ApiViews::lower).orElse(null),
                outcome instanceof AttemptOutcome.Failure f ? f.message() : null);
    }

    @Get("/webhooks/{id}/deliveries")
    @Tag(name = ApiDocumentation.DELIVERIES)
    @Operation(operationId = "listDeliveries", summary = "List a webhook's deliveries, newest first")
    @ApiResponse(responseCode = "200", description = "a page of deliveries",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = DeliveryList.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public DeliveryList deliveries(HttpRequest<?> request, @PathVariable String id,
                                             @Parameter(description = "pending, sending, succeeded, retrying, "
                                                     + "failed, held or expired") @Nullable @QueryValue String status,
                                             @Parameter(description = "an event type name")
                                             @Nullable @QueryValue("event_type") String eventType,
                                             @Parameter(description = LIMIT, schema = @Schema(type = "integer",
                                                     minimum = "1", maximum = "100"))
                                             @Nullable @QueryValue String limit,
                                             @Parameter(description = CURSOR) @Nullable @QueryValue String cursor) {
        AccountId account = Callers.merchant(request);
        int size = Paging.limit(limit);
        Page<Delivery> page = Callers.value(deliveries.list(account,
                new DeliveryLogQuery(id, status, eventType, Paging.decode(cursor), size)));
        return DeliveryList.of(ListView.of(page, DeliveryView::of));
    }

    @Get("/deliveries/{id}")
    @Tag(name = ApiDocumentation.DELIVERIES)
    @Operation(operationId = "getDelivery",
            summary = "Get a delivery with its event, the exact request body and every attempt")
    @ApiResponse(responseCode = "200", description = "the delivery",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = DeliveryDetailView.class)))
    @ApiResponse(responseCode = "404", description = "no such delivery in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public DeliveryDetailView delivery(HttpRequest<?> request, @PathVariable String id) {
        DeliveryDetails d = Callers.value(deliveries.get(Callers.merchant(request), id));
        Delivery delivery = d.delivery();
        return new DeliveryDetailView(delivery.id().value(), delivery.eventId().value(), delivery.eventType().value(),
                delivery.endpointId().value(), d.endpointUrl(), ApiViews.lower(delivery.status()), delivery.attempts(),
                ApiViews.time(delivery.nextAttemptAt()), delivery.lastStatusCode(), ApiViews.lower(delivery.trigger()),
                ApiViews.time(delivery.createdAt()), ApiViews.time(delivery.updatedAt()), EventView.of(d.event()),
                d.requestBody(), d.attempts().stream().map(AttemptView::of).toList());
    }

    @Post(value = "/deliveries/{id}/retry", consumes = MediaType.ALL)
    @Tag(name = ApiDocumentation.DELIVERIES)
    @Operation(operationId = "retryDelivery", summary = "Retry a failed, expired or retrying delivery now",
            description = "One more attempt, due now, logged with trigger manual. A retrying delivery keeps "
                    + "the scheduled attempts it had left. The request takes no body (or {}), any field is a 400.")
    @RequestBody(required = false, description = "none, or an empty JSON object",
            content = @Content(mediaType = JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "202", description = "the delivery, due now",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = DeliveryView.class)))
    @ApiResponse(responseCode = "404", description = "no such delivery in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the delivery is not failed, expired or retrying, or its webhook "
            + "is disabled",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<DeliveryView> retry(HttpRequest<?> request, @PathVariable String id,
                                            @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        ApiRequests.noFields(JsonBody.parseOptional(request, body));
        Delivery retried = Callers.value(retry.retry(account, id));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(DeliveryView.of(retried));
    }

    @Post(value = "/webhooks/{id}/recover", consumes = MediaType.ALL)
    @Tag(name = ApiDocumentation.DELIVERIES)
    @Operation(operationId = "recoverWebhook", summary = "Re-send every failed delivery since a time")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.Recover.class)))
    @ApiResponse(responseCode = "202", description = "how many deliveries are due again",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = CountView.class)))
    @ApiResponse(responseCode = "404", description = "no such webhook in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the webhook is disabled",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<CountView> recover(HttpRequest<?> request, @PathVariable String id,
                                           @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        String since = ApiRequests.Recover.read(JsonBody.parse(request, body)).since();
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ApiException(Problem.invalid("since", "since must be an ISO-8601 UTC time like 2026-01-15T10:30:00Z"));
        }
        int count = Callers.value(retry.recover(account, id, from));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(new CountView(count));
    }
}
