package dev.hookline.adapters.httpout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookline.domain.delivery.AttemptOutcome.Failure;
import dev.hookline.domain.delivery.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailuresTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final String TARGET = "hooks.example.com:443";

    private static Failure of(Throwable t) {
        return Failures.of(t, TARGET, FIVE_SECONDS);
    }

    @Test
    void each_kind_of_exception_gets_its_error_kind_and_a_short_message() {
        assertEquals(new Failure(ErrorKind.DNS, "host hooks.example.com could not be resolved"),
                of(new UnknownHostException("hooks.example.com: Name or service not known")));
        assertEquals(new Failure(ErrorKind.BLOCKED, "10.0.0.1: private address"),
                of(new BlockedAddressException("10.0.0.1: private address")));
        assertEquals(new Failure(ErrorKind.CONNECT, "connection refused by " + TARGET),
                of(new ConnectException("Connection refused")));
        assertEquals(new Failure(ErrorKind.TIMEOUT, "could not connect to " + TARGET + " within 5s"),
                of(new ConnectTimeoutException("Connect timed out")));
        assertEquals(new Failure(ErrorKind.TIMEOUT, "no response within 5s"),
                of(new SocketTimeoutException("5000 MILLISECONDS")));
        assertEquals(new Failure(ErrorKind.CONNECT, "connection reset by " + TARGET),
                of(new SocketException("Connection reset")));
        assertEquals(new Failure(ErrorKind.CONNECT, "connection closed by " + TARGET + " before a complete response"),
                of(new ConnectionClosedException()));
        assertEquals(new Failure(ErrorKind.TLS, "TLS with " + TARGET + " failed: PKIX path building failed"),
                of(new SSLHandshakeException("PKIX path building failed")));
    }

    @Test
    void a_wrapped_cause_is_found() {
        IOException wrapped = new IOException("I/O error", new SSLHandshakeException("no cipher suites in common"));

        assertEquals(ErrorKind.TLS, of(new ExecutionException(wrapped)).kind());
    }

    @Test
    void anything_else_is_a_connect_failure_with_its_message() {
        assertEquals(new Failure(ErrorKind.CONNECT, "request to " + TARGET + " failed: something odd"),
                of(new IllegalStateException("something odd")));
    }

    @Test
    void durations_read_naturally() {
        assertEquals("5s", Failures.describe(Duration.ofSeconds(5)));
        assertEquals("500ms", Failures.describe(Duration.ofMillis(500)));
        assertEquals("1.5s", Failures.describe(Duration.ofMillis(1500)));
    }
}
