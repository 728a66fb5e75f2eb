package dev.hookline.adapters.web.pages.apikeys;

import dev.hookline.adapters.web.pages.Pages;
import dev.hookline.adapters.web.pages.Times;
import dev.hookline.adapters.web.session.SealedValue;
import dev.hookline.adapters.web.session.SessionFilter;
import dev.hookline.adapters.web.session.SessionKey;
import dev.hookline.application.port.in.ManageApiKeysUseCase;
import dev.hookline.application.port.in.ManageApiKeysUseCase.CreatedApiKey;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.ApiKeys.ApiKey;
import dev.hookline.domain.id.AccountId;
import io.micronaut.context.annotation.Value;
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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings › API keys: create and revoke. Creating posts, redirects and GETs like every form, so a
 * refresh does not create a second key; the new key crosses the redirect sealed in a short-lived
 * cookie for the same user, which the page opens and clears, so it is shown once.
 */
@Hidden // a page, not part of the API: left out of the OpenAPI document
@Controller("/settings/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyPages {

    static final String NEW_KEY_COOKIE = "hookline_new_key";
    private static final String PATH = "/settings/api-keys";
    private static final String PURPOSE = "new-api-key";
    private static final Duration NEW_KEY_TTL = Duration.ofMinutes(2);

    private final ManageApiKeysUseCase keys;
    private final Clock clock;
    private final SealedValue sealed;
    private final boolean alwaysSecure;

    public ApiKeyPages(ManageApiKeysUseCase keys, Clock clock, SessionKey sessionKey,
                       @Value("${hookline.session.secure-cookie:false}") boolean alwaysSecure) {
        this.keys = keys;
        this.clock = clock;
        this.sealed = new SealedValue(sessionKey.sessionKey());
        this.alwaysSecure = alwaysSecure;
    }

    public record KeyRow(String id, String name, String prefix, Times.Shown created, Times.Shown lastUsed,
                         Times.Shown revoked, boolean active) {
    }

    /** @param createdKey the new key in clear, shown this once */
    public record KeysView(List<KeyRow> keys, String createdKey, String createdName, String error, String notice) {
    }

    @Get(produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> index(HttpRequest<?> request, @Nullable @QueryValue String revoked) {
        Optional<String> created = request.getCookies().findCookie(NEW_KEY_COOKIE).flatMap(c -> sealed.open(c.getValue(),
                PURPOSE, Pages.user(request).id(), clock.instant())).filter(v -> v.indexOf(' ') > 0);
        // sealed as "<secret> <name>": the secret has no space, the name may
        String secret = created.map(v -> v.substring(0, v.indexOf(' '))).orElse(null);
        String name = created.map(v -> v.substring(v.indexOf(' ') + 1)).orElse(null);
        MutableHttpResponse<?> page = page(request, HttpStatus.OK, secret, name, null,
                revoked != null ? "The key was revoked." : null);
        if (request.getCookies().contains(NEW_KEY_COOKIE)) {
            page.cookie(newKeyCookie(request, "").maxAge(0));
        }
        return page;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public MutableHttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        String name = Pages.first(Pages.form(body), "name");
        Result<CreatedApiKey> created = keys.create(account(request), name);
        if (created instanceof Result.Rejected<CreatedApiKey> r) {
            return page(request, Pages.status(r.problem()), null, null, r.problem().message(), null);
        }
        CreatedApiKey key = created.orElseThrow();
        String value = sealed.seal(PURPOSE, Pages.user(request).id(), key.secret() + " " + key.key().name(),
                clock.instant().plus(NEW_KEY_TTL));
        return Pages.redirect(PATH).cookie(newKeyCookie(request, value).maxAge(NEW_KEY_TTL));
    }

    private Cookie newKeyCookie(HttpRequest<?> request, String value) {
        return Cookie.of(NEW_KEY_COOKIE, value).httpOnly(true).secure(SessionFilter.secure(request, alwaysSecure))
                .sameSite(SameSite.Strict).path(PATH);
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
