package dev.hookline.adapters.web.api;

import dev.hookline.application.port.in.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The API's error body: {@code {"error":{"type":"…","message":"…","field":"…"}}}. */
@Serdeable
@Schema(name = "Error", description = "every 4xx and 5xx answer of the API")
public record ApiError(Body error) {

    @Serdeable
    @Schema(name = "ErrorBody")
    public record Body(@Schema(description = "invalid_request, authentication_required, forbidden, not_found, "
            + "method_not_allowed, conflict, payload_too_large, unsupported_media_type, unprocessable, rate_limited, "
            + "internal_error") String type, String message,
                       @Nullable @Schema(description = "the input field at fault, when there is one") String field) {
    }

    public static MutableHttpResponse<ApiError> response(HttpStatus status, String type, String field, String message) {
        return HttpResponse.<ApiError>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(new Body(type, message, field)));
    }

    public static MutableHttpResponse<ApiError> of(Problem problem) {
        return switch (problem.kind()) {
            case INVALID -> response(HttpStatus.BAD_REQUEST, "invalid_request", problem.field(), problem.message());
            case UNPROCESSABLE -> response(HttpStatus.UNPROCESSABLE_ENTITY, "unprocessable", problem.field(),
                    problem.message());
            case NOT_FOUND -> response(HttpStatus.NOT_FOUND, "not_found", problem.field(), problem.message());
            case CONFLICT -> response(HttpStatus.CONFLICT, "conflict", problem.field(), problem.message());
            case TOO_LARGE -> response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", problem.field(),
                    problem.message());
        };
    }

    public static MutableHttpResponse<ApiError> forbidden(String message) {
        return response(HttpStatus.FORBIDDEN, "forbidden", null, message);
    }
}
