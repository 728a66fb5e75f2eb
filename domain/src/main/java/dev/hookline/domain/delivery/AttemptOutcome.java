package dev.hookline.domain.delivery;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What came back from one HTTP attempt: an answer (of any status) or a failure to get one. */
public sealed interface AttemptOutcome permits AttemptOutcome.Response, AttemptOutcome.Failure {

    /** Bodies are kept up to this many bytes (UTF-8) and marked truncated beyond. */
    int MAX_BODY_BYTES = 16 * 1024;

    /** Only a 2xx answer counts as delivered. */
    boolean succeeded();

    /** Why it failed, when that was not just a 4xx/5xx status. */
    Optional<ErrorKind> errorKind();

    /** The HTTP status, when there was an answer. */
    Optional<Integer> statusCode();

    /**
     * The endpoint answered.
     *
     * @param headers response headers, lower-case names, repeated values joined with {@code ", "}
     * @param body    the first {@value #MAX_BODY_BYTES} bytes of the body as text
     */
    record Response(int status, Map<String, String> headers, String body, boolean bodyTruncated)
            implements AttemptOutcome {

        public Response {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("HTTP status out of range: " + status);
            }
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Override
        public Optional<ErrorKind> errorKind() {
            return status >= 300 && status < 400 ? Optional.of(ErrorKind.REDIRECT) : Optional.empty();
        }

        @Override
        public Optional<Integer> statusCode() {
            return Optional.of(status);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** No usable answer: timeout, refused connection, TLS or DNS error, or a blocked address. */
    record Failure(ErrorKind kind, String message) implements AttemptOutcome {

        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public Optional<ErrorKind> errorKind() {
            return Optional.of(kind);
        }

        @Override
        public Optional<Integer> statusCode() {
            return Optional.empty();
        }
    }
}
