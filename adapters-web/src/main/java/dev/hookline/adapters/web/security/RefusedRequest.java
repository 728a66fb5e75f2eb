package dev.hookline.adapters.web.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * A request a filter turned away, and the response it gets. An asynchronous request filter
 * completes with the request to let it through; it cannot complete with "no response" (Micronaut
 * 4.10 fails on a null result of a future), so it refuses by failing with this exception.
 */
public final class RefusedRequest extends RuntimeException {

    private final transient MutableHttpResponse<?> response;

    private RefusedRequest(MutableHttpResponse<?> response) {
        super(null, null, false, false);
        this.response = response;
    }

    /** A filter's result that sends {@code response} instead of running the route. */
    public static CompletableFuture<HttpRequest<?>> with(MutableHttpResponse<?> response) {
        return CompletableFuture.failedFuture(new RefusedRequest(response));
    }

    /** The filter's result: {@code request} goes on, or {@code response} (when not null) is sent instead. */
    public static HttpRequest<?> unless(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response != null) {
            throw new RefusedRequest(response);
        }
        return request;
    }

    @Produces
    @Singleton
    static class Handler implements ExceptionHandler<RefusedRequest, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, RefusedRequest refused) {
            return refused.response;
        }
    }
}
