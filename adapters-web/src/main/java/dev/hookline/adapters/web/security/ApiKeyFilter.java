package dev.hookline.adapters.web.security;

import dev.hookline.adapters.web.api.ApiError;
import dev.hookline.application.port.in.AuthenticateUseCase;
import dev.hookline.application.service.AccountService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer <key>} header and
 * records the {@link Caller}; answers 401 without a valid key and 429 past the key's rate limit.
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {

    private final OperatorKeyCheck operatorKey;
    private final AuthenticateUseCase authenticate;
    private final ApiRateLimiter rateLimiter;

    public ApiKeyFilter(OperatorKeyCheck operatorKey, AuthenticateUseCase authenticate, ApiRateLimiter rateLimiter) {
        this.operatorKey = operatorKey;
        this.authenticate = authenticate;
        this.rateLimiter = rateLimiter;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return unauthorized("send your API key as Authorization: Bearer <key>");
        }
        String key = header.substring(7).trim();
        Caller caller;
        if (operatorKey.isOperatorKey(key)) {
            caller = new Caller.Operator();
        } else {
            Optional<Caller> merchant = authenticate.accountOfApiKey(key)
                    .map(account -> new Caller.Merchant(account, AccountService.sha256(key)));
            if (merchant.isEmpty()) {
                return unauthorized("the API key is not valid (revoked or mistyped)");
            }
            caller = merchant.get();
        }
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
