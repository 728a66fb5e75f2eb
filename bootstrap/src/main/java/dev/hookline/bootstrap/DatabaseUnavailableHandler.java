package dev.hookline.bootstrap;

import dev.hookline.adapters.web.api.ApiError;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
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
 * seconds instead of a stack trace per request. Both ways it shows: the driver refusing a
 * connection ({@link ConnectionException}), and the pool giving up waiting for one
 * ({@link CannotGetJdbcConnectionException}, after {@code datasources.default.connection-timeout}:
 * that one was a 500 after 30 s).
 */
@Produces
@Singleton
public class DatabaseUnavailableHandler implements ExceptionHandler<ConnectionException, HttpResponse<ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ConnectionException exception) {
        return unavailable(exception);
    }

    HttpResponse<ApiError> unavailable(RuntimeException exception) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warn("the database is unreachable, answering 503 (this line repeats at most every 10 s): {}",
                    exception.getMessage());
        }
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", null,
                "the database is unreachable; try again shortly").header("Retry-After", "5");
    }

    /** The pool timed out waiting for a connection: the same answer. */
    @Produces
    @Singleton
    static class PoolTimeout implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<ApiError>> {

        private final DatabaseUnavailableHandler handler;

        PoolTimeout(DatabaseUnavailableHandler handler) {
            this.handler = handler;
        }

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
            return handler.unavailable(exception);
        }
    }
}
