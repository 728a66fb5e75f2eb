package dev.hookline.adapters.web.api;

import dev.hookline.adapters.web.api.ApiViews.ApiKeyView;
import dev.hookline.adapters.web.api.ApiViews.ListView;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** A merchant's API keys: list, create (the key is shown once), revoke. */
@Controller("/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeysController {

    private final ManageApiKeysUseCase keys;

    public ApiKeysController(ManageApiKeysUseCase keys) {
        this.keys = keys;
    }

    @Get
    public ListView<ApiKeyView> list(HttpRequest<?> request) {
        return new ListView<>(keys.list(Callers.merchant(request)).stream().map(k -> ApiKeyView.of(k, null)).toList(),
                null);
    }

    @Post(consumes = MediaType.ALL)
    public HttpResponse<ApiKeyView> create(HttpRequest<?> request, @Nullable @Body String body) {
        AccountId account = Callers.merchant(request);
        String name = body == null || body.isBlank() ? null : JsonBody.parse(body).string("name");
        CreatedApiKey created = Callers.value(keys.create(account, name));
        return HttpResponse.created(ApiKeyView.of(created.key(), created.secret()));
    }

    @Delete("/{id}")
    public HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id) {
        Callers.value(keys.revoke(Callers.merchant(request), id));
        return HttpResponse.noContent();
    }
}
