package dev.hookline.adapters.web.api;

import dev.hookline.adapters.web.security.Caller;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.domain.id.AccountId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

/** Route-level checks of who may call: merchant routes, operator routes. */
final class Callers {

    private Callers() {
    }

    static AccountId merchant(HttpRequest<?> request) {
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow(
                () -> new ApiStatusException(HttpStatus.UNAUTHORIZED, "authentication_required", "API key required"));
        if (caller instanceof Caller.Merchant merchant) {
            return merchant.account();
        }
        throw new ApiStatusException(HttpStatus.FORBIDDEN, "forbidden",
                "this route needs a merchant API key; the operator key publishes events and creates accounts");
    }

    static void operator(HttpRequest<?> request) {
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow(
                () -> new ApiStatusException(HttpStatus.UNAUTHORIZED, "authentication_required", "API key required"));
        if (!(caller instanceof Caller.Operator)) {
            throw new ApiStatusException(HttpStatus.FORBIDDEN, "forbidden", "this route needs the operator key");
        }
    }

    /** The value, or an {@link ApiException} carrying the problem. */
    static <T> T value(Result<T> result) {
        if (result instanceof Result.Ok<T> ok) {
            return ok.value();
        }
        Problem problem = ((Result.Rejected<T>) result).problem();
        throw new ApiException(problem);
    }
}
