package dev.hookline.adapters.web.api;

import dev.hookline.adapters.web.pages.Pages;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error Micronaut itself produces (unknown route, wrong method, malformed body, request
 * too large, unexpected exception) gets the API's error body, never a stack trace.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorHandlers implements ErrorResponseProcessor<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandlers.class);

    private final ViewsRenderer<Map<String, Object>, HttpRequest<?>> views;

    public ApiErrorHandlers(ViewsRenderer<Map<String, Object>, HttpRequest<?>> views) {
        this.views = views;
    }

    @Override
    @NonNull
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(@NonNull ErrorContext context,
                                                       @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (wantsPage(context.getRequest())) {
            // a browser outside the API (a mistyped /settings/... address): the error page, not JSON
            String title = status.getCode() == 404 ? "Not found" : status.getCode() >= 500 ? "Something went wrong"
                    : status.getReason();
            String text = status.getCode() == 404 ? "There is nothing at this address."
                    : status.getCode() >= 500 ? "An internal error occurred; it has been logged."
                    : context.getErrors().isEmpty() ? status.getReason() : context.getErrors().get(0).getMessage();
            StringWriter html = new StringWriter();
            try {
                views.render("error", Pages.model(context.getRequest(),
                        Map.of("error", new Pages.ErrorView(status.getCode(), title, text))), context.getRequest())
                        .writeTo(html);
                MutableHttpResponse<Object> page = (MutableHttpResponse<Object>) response;
                page.body(html.toString());
                return page.contentType(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store");
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not render the error page; answering with the API's error body", e);
            }
        }
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
        return ((MutableHttpResponse<Object>) response).body(new ApiError(new ApiError.Body(type, message, null)));
    }

    /** A browser asking for a page: not the API, and HTML accepted explicitly. */
    private static boolean wantsPage(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/v1/") || path.equals("/v1") || path.startsWith("/openapi")) {
            return false;
        }
        return request.getHeaders().accept().stream().anyMatch(t -> MediaType.TEXT_HTML.equals(t.getName()));
    }

}
