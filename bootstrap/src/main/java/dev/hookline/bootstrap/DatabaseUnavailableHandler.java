package dev.hookline.bootstrap;

import dev.hookline.adapters.web.api.ApiError;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the database cannot be reached (PostgreSQL restarting, network gone), requests get
 * {@code 503} with {@code Retry-After} instead of a 500, and the log gets one line every ten
 * seconds instead of a stack trace per request.
 */
@Produces
@Singleton
public class DatabaseUnavailableHandler implements ExceptionHandler<ConnectionException, HttpResponse<ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ConnectionException exception) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("the database is unreachable, answering 503 (this line repeats at most every 10 s): {}",
                    exception.getMessage());
        }
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", null,
                "the database is unreachable; try again shortly").header("Retry-After", "5");
    }
}
