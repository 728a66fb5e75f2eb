package dev.hookline.adapters.web.api;

import dev.hookline.adapters.web.api.ApiViews.AttemptView;
import dev.hookline.adapters.web.api.ApiViews.CountView;
import dev.hookline.adapters.web.api.ApiViews.DeliveryDetailView;
import dev.hookline.adapters.web.api.ApiViews.DeliveryView;
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
import dev.hookline.application.port.out.PageRequest;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.endpoint.Endpoint;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Merchant routes: webhooks, their deliveries, test events, and the event type catalog. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
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

    public WebhooksController(RegisterEndpointUseCase register, UpdateEndpointUseCase update,
                              DeleteEndpointUseCase delete, RotateSecretUseCase rotate, EndpointQueries endpoints,
                              SendTestEventUseCase testEvents, DeliveryQueries deliveries, RetryDeliveryUseCase retry,
                              EventTypeCatalogUseCase catalog) {
        this.register = register;
        this.update = update;
        this.delete = delete;
        this.rotate = rotate;
        this.endpoints = endpoints;
        this.testEvents = testEvents;
        this.deliveries = deliveries;
        this.retry = retry;
        this.catalog = catalog;
    }

    /** Any valid key (merchant or operator) may read the catalog. */
    @Get("/event-types")
    public ListView<EventTypeView> eventTypes(HttpRequest<?> request) {
        return new ListView<>(catalog.list().stream().map(EventTypeView::of).toList(), null);
    }

    @Post(value = "/webhooks", consumes = MediaType.ALL)
    public HttpResponse<WebhookView> create(HttpRequest<?> request, @Nullable @Body String body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parse(body);
        Endpoint created = Callers.value(register.register(account, new RegisterEndpointCommand(
                json.requiredString("url"), json.strings("events"), json.string("description"),
                json.string("secret"), json.integer("rate_limit"))));
        EndpointView view = Callers.value(endpoints.get(account, created.id().value()));
        return HttpResponse.created(WebhookView.of(view, created.secrets().current().value()));
    }

    @Get("/webhooks")
    public ListView<WebhookView> list(HttpRequest<?> request, @Nullable @QueryValue Integer limit,
                                      @Nullable @QueryValue String cursor) {
        AccountId account = Callers.merchant(request);
        int size = limit(limit);
        List<EndpointView> all = endpoints.list(account);
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).endpoint().id().value().equals(cursor)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw new ApiException(Problem.invalid("cursor", "cursor is not one this API returned"));
            }
        }
        List<EndpointView> rows = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + size + 1));
        Page<EndpointView> page = Page.of(rows, size, v -> v.endpoint().id().value());
        return ListView.of(page, v -> WebhookView.of(v, null));
    }

    @Get("/webhooks/{id}")
    public WebhookView get(HttpRequest<?> request, @PathVariable String id) {
        return WebhookView.of(Callers.value(endpoints.get(Callers.merchant(request), id)), null);
    }

    @Get("/webhooks/{id}/secret")
    public SecretView secret(HttpRequest<?> request, @PathVariable String id) {
        EndpointView view = Callers.value(endpoints.get(Callers.merchant(request), id));
        return new SecretView(view.endpoint().secrets().current().value(), null);
    }

    @Patch(value = "/webhooks/{id}", consumes = MediaType.ALL)
    public WebhookView patch(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parse(body);
        if (json.has("url") && json.string("url").isBlank()) {
            throw new ApiException(Problem.invalid("url", "url must not be blank"));
        }
        Callers.value(update.update(account, id, new UpdateEndpointCommand(json.string("url"), json.strings("events"),
                json.string("description"), json.bool("enabled"), json.integer("rate_limit"))));
        return WebhookView.of(Callers.value(endpoints.get(account, id)), null);
    }

    @Delete("/webhooks/{id}")
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        Callers.value(delete.delete(Callers.merchant(request), id));
        return HttpResponse.noContent();
    }

    @Post(value = "/webhooks/{id}/rotate-secret", consumes = MediaType.ALL)
    public SecretView rotateSecret(HttpRequest<?> request, @PathVariable String id) {
        RotatedSecret rotated = Callers.value(rotate.rotate(Callers.merchant(request), id));
        return new SecretView(rotated.secret().value(), rotated.previousExpiresAt().toString());
    }

    @Post(value = "/webhooks/test", consumes = MediaType.ALL)
    public TestResultView test(HttpRequest<?> request, @Nullable @Body String body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parse(body);
        TestResult result = Callers.value(testEvents.send(account, json.string("webhook_id"),
                json.string("event_type")));
        Attempt attempt = result.attempt();
        AttemptOutcome outcome = attempt.outcome();
        return new TestResultView(result.delivery().id().value(), outcome.succeeded() ? "succeeded" : "failed",
                outcome.statusCode().orElse(null), attempt.duration().toMillis(),
                outcome instanceof AttemptOutcome.Response r ? r.body() : null,
                outcome.errorKind().map(ApiViews::lower).orElse(null),
                outcome instanceof AttemptOutcome.Failure f ? f.message() : null);
    }

    @Get("/webhooks/{id}/deliveries")
    public ListView<DeliveryView> deliveries(HttpRequest<?> request, @PathVariable String id,
                                             @Nullable @QueryValue String status,
                                             @Nullable @QueryValue("event_type") String eventType,
                                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) {
        Page<Delivery> page = Callers.value(deliveries.list(Callers.merchant(request),
                new DeliveryLogQuery(id, status, eventType, cursor, limit(limit))));
        return ListView.of(page, DeliveryView::of);
    }

    @Get("/deliveries/{id}")
    public DeliveryDetailView delivery(HttpRequest<?> request, @PathVariable String id) {
        DeliveryDetails d = Callers.value(deliveries.get(Callers.merchant(request), id));
        Delivery delivery = d.delivery();
        return new DeliveryDetailView(delivery.id().value(), delivery.eventId().value(), delivery.eventType().value(),
                delivery.endpointId().value(), d.endpointUrl(), ApiViews.lower(delivery.status()), delivery.attempts(),
                ApiViews.time(delivery.nextAttemptAt()), delivery.lastStatusCode(),
                delivery.createdAt().toString(), delivery.updatedAt().toString(), EventView.of(d.event()),
                d.requestBody(), d.attempts().stream().map(AttemptView::of).toList());
    }

    @Post(value = "/deliveries/{id}/retry", consumes = MediaType.ALL)
    public HttpResponse<DeliveryView> retry(HttpRequest<?> request, @PathVariable String id) {
        Delivery retried = Callers.value(retry.retry(Callers.merchant(request), id));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(DeliveryView.of(retried));
    }

    @Post(value = "/webhooks/{id}/recover", consumes = MediaType.ALL)
    public HttpResponse<CountView> recover(HttpRequest<?> request, @PathVariable String id,
                                           @Nullable @Body String body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parse(body);
        String since = json.requiredString("since");
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new ApiException(Problem.invalid("since", "since must be an ISO-8601 UTC time like 2026-01-15T10:30:00Z"));
        }
        int count = Callers.value(retry.recover(account, id, from));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(new CountView(count));
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new ApiException(Problem.invalid("limit", "limit must be between 1 and " + PageRequest.MAX_LIMIT));
        }
        return limit;
    }
}
