package dev.hookline.adapters.web.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A 401/403/415 decided by a route. */
final class ApiStatusException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String field;

    ApiStatusException(HttpStatus status, String type, String message) {
        this(status, type, null, message);
    }

    ApiStatusException(HttpStatus status, String type, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }

    @Produces
    @Singleton
    static class Handler implements ExceptionHandler<ApiStatusException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ApiStatusException e) {
            return ApiError.response(e.status, e.type, e.field, e.getMessage());
        }
    }
}
