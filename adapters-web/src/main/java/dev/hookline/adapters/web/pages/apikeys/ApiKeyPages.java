package dev.hookline.adapters.web.pages.apikeys;

import dev.hookline.adapters.web.pages.Pages;
import dev.hookline.adapters.web.pages.Times;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Settings › API keys: create (the key is shown once, on the page the form posts to) and revoke. */
@Controller("/settings/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyPages {

    private final ManageApiKeysUseCase keys;
    private final Clock clock;

    public ApiKeyPages(ManageApiKeysUseCase keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public record KeyRow(String id, String name, String prefix, Times.Shown created, Times.Shown lastUsed,
                         Times.Shown revoked, boolean active) {
    }

    /** @param createdKey the new key in clear, shown this once */
    public record KeysView(List<KeyRow> keys, String createdKey, String createdName, String error, String notice) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> index(HttpRequest<?> request, @Nullable @QueryValue String revoked) {
        return page(request, HttpStatus.OK, null, null, null, revoked != null ? "The key was revoked." : null);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        String name = Pages.first(Pages.form(body), "name");
        Result<CreatedApiKey> created = keys.create(account(request), name);
        if (created instanceof Result.Rejected<CreatedApiKey> r) {
            return page(request, Pages.status(r.problem()), null, null, r.problem().message(), null);
        }
        CreatedApiKey key = created.orElseThrow();
        return page(request, HttpStatus.CREATED, key.secret(), key.key().name(), null, null);
    }

    @Post(value = "/{id}/revoke", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String id) {
        Result<Void> revoked = keys.revoke(account(request), id);
        if (revoked instanceof Result.Rejected<Void> r) {
            return Pages.problem(request, r.problem());
        }
        return Pages.redirect("/settings/api-keys?revoked=1");
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String createdKey,
                                        String createdName, String error, String notice) {
        Instant now = clock.instant();
        List<KeyRow> rows = keys.list(account(request)).stream().map(k -> row(k, now)).toList();
        return Pages.render(request, status, "apikeys/index",
                Map.of("keys", new KeysView(rows, createdKey, createdName, error, notice)));
    }

    private static KeyRow row(ApiKey k, Instant now) {
        return new KeyRow(k.id(), k.name(), k.prefix(), Times.of(k.createdAt(), now), Times.of(k.lastUsedAt(), now),
                Times.of(k.revokedAt(), now), k.active());
    }

    private static AccountId account(HttpRequest<?> request) {
        return Pages.user(request).accountId();
    }
}
