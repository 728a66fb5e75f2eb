package dev.hookline.adapters.web.api;

import static dev.hookline.adapters.web.api.ApiDocumentation.CURSOR;
import static dev.hookline.adapters.web.api.ApiDocumentation.JSON;
import static dev.hookline.adapters.web.api.ApiDocumentation.LIMIT;

import dev.hookline.adapters.web.api.ApiViews.ApiKeyView;
import dev.hookline.adapters.web.api.ApiViews.ApiKeyList;
import dev.hookline.adapters.web.api.ApiViews.ListView;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.PrefixedIds;
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
import java.util.Comparator;

/** A merchant's API keys: list, create (the key is shown once), revoke. */
@Controller("/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = ApiDocumentation.API_KEYS)
@ApiResponse(responseCode = "401", description = "no key, or not a valid one",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "the operator key: these routes need a merchant API key",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "429", description = "over the key's rate limit; see Retry-After",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
public class ApiKeysController {

    private final ManageApiKeysUseCase keys;

    public ApiKeysController(ManageApiKeysUseCase keys) {
        this.keys = keys;
    }

    @Get
    @Operation(operationId = "listApiKeys", summary = "List your account's API keys (without the keys themselves), "
            + "newest first")
    @ApiResponse(responseCode = "200", description = "a page of the account's keys, revoked ones too",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiKeyList.class)))
    @ApiResponse(responseCode = "400", description = "a bad limit or cursor",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public ApiKeyList list(HttpRequest<?> request,
                           @Parameter(description = LIMIT, schema = @Schema(type = "integer", minimum = "1",
                                   maximum = "100")) @Nullable @QueryValue String limit,
                           @Parameter(description = CURSOR) @Nullable @QueryValue String cursor) {
        AccountId account = Callers.merchant(request);
        // ids are time-ordered: newest first is descending id order
        Page<ApiKey> page = Paging.of(keys.list(account).stream().sorted(Comparator.comparing(ApiKey::id).reversed())
                .toList(), limit, cursor, id -> PrefixedIds.looksLike("key", id), ApiKey::id, true);
        return ApiKeyList.of(ListView.of(page, k -> ApiKeyView.of(k, null)));
    }

    @Post(consumes = MediaType.ALL)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The key is shown only this once.")
    @RequestBody(required = false, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = ApiRequests.CreateApiKey.class)))
    @ApiResponse(responseCode = "201", description = "the key, with its secret value in key",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiKeyView.class)))
    @ApiResponse(responseCode = "400", description = "malformed JSON or a bad name",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "a body without Content-Type: application/json",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<ApiKeyView> create(HttpRequest<?> request,
                                           @Parameter(hidden = true) @Nullable @Body byte[] body) {
        AccountId account = Callers.merchant(request);
        JsonBody json = JsonBody.parseOptional(request, body);
        String name = json == null ? null : ApiRequests.CreateApiKey.read(json).name();
        CreatedApiKey created = Callers.value(keys.create(account, name));
        return HttpResponse.created(ApiKeyView.of(created.key(), created.secret()));
    }

    @Delete("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "It stops working at once.")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "404", description = "no such key in your account",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ApiError.class)))
    public HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id) {
        Callers.value(keys.revoke(Callers.merchant(request), id));
        return HttpResponse.noContent();
    }
}
