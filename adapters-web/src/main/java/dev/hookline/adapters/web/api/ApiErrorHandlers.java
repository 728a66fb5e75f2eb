package dev.hookline.adapters.web.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Every error Micronaut itself produces (unknown route, wrong method, malformed body, request
 * too large, unexpected exception) gets the API's error body, never a stack trace.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorHandlers implements ErrorResponseProcessor<ApiError> {

    @Override
    @NonNull
    public MutableHttpResponse<ApiError> processResponse(@NonNull ErrorContext context,
                                                         @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String message = context.getErrors().isEmpty() ? status.getReason()
                : context.getErrors().get(0).getMessage();
        if (status.getCode() >= 500) {
            message = "internal error; it has been logged";
        } else if (status.getCode() == 404 && "Page Not Found".equals(message)) {
            String path = context.getRequest().getPath();
            message = "no route " + context.getRequest().getMethodName() + " "
                    + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    + "; the API is described at /openapi.yml and /docs";
        }
        String type = switch (status.getCode()) {
            case 400 -> "invalid_request";
            case 401 -> "authentication_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            default -> status.getCode() >= 500 ? "internal_error" : status.name().toLowerCase(Locale.ROOT);
        };
        return ((MutableHttpResponse<ApiError>) response).body(new ApiError(new ApiError.Body(type, message, null)));
    }

}
