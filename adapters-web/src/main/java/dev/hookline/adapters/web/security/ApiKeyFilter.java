package dev.hookline.adapters.web.security;

import dev.hookline.adapters.web.api.ApiError;
import dev.hookline.application.port.in.AuthenticateUseCase;
import dev.hookline.application.service.AccountService;
import dev.hookline.domain.id.AccountId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer <key>} header and
 * records the {@link Caller}; answers 401 without a valid key and 429 past the key's rate limit.
 * The operator key is checked on the event loop (a hash compared in memory, no hand-off to another
 * thread: the platform publishes every event with it); a merchant key is looked up in the database
 * on the blocking executor.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {

    private final OperatorKeyCheck operatorKey;
    private final AuthenticateUseCase authenticate;
    private final ApiRateLimiter rateLimiter;
    private final Executor blocking;

    public ApiKeyFilter(OperatorKeyCheck operatorKey, AuthenticateUseCase authenticate, ApiRateLimiter rateLimiter,
                        @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.operatorKey = operatorKey;
        this.authenticate = authenticate;
        this.rateLimiter = rateLimiter;
        this.blocking = blocking;
    }

    /** Completes with the request to let it through, or fails with the {@link RefusedRequest} response. */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return RefusedRequest.with(unauthorized("send your API key as Authorization: Bearer <key>"));
        }
        String key = header.substring(7).trim();
        if (operatorKey.isOperatorKey(key)) {
            MutableHttpResponse<?> limited = admit(request, new Caller.Operator());
            return CompletableFuture.completedFuture(RefusedRequest.unless(request, limited));
        }
        return CompletableFuture.supplyAsync(() -> {
            Optional<AccountId> account = authenticate.accountOfApiKey(key);
            return RefusedRequest.unless(request, account.isEmpty()
                    ? unauthorized("the API key is not valid (revoked or mistyped)")
                    : admit(request, new Caller.Merchant(account.get(), AccountService.sha256(key))));
        }, blocking);
    }

    /** Null (go on) with the caller recorded, or 429 past its rate limit. */
    @Nullable
    private MutableHttpResponse<?> admit(HttpRequest<?> request, Caller caller) {
        long waitSeconds = rateLimiter.acquire(caller);
        if (waitSeconds > 0) {
            return ApiError.response(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", null,
                    "too many requests for this API key; retry after " + waitSeconds + "s")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return null;
    }

    private static MutableHttpResponse<?> unauthorized(String message) {
        return ApiError.response(HttpStatus.UNAUTHORIZED, "authentication_required", null, message)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

}
