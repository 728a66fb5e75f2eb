package dev.hookline.adapters.httpout;

import dev.hookline.domain.delivery.AttemptOutcome.Failure;
import dev.hookline.domain.delivery.ErrorKind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;

/** Turns what HttpClient throws into a failure a merchant can act on. */
final class Failures {

    private static final int MAX_MESSAGE = 300;

    private Failures() {
    }

    static Failure timeout(Duration timeout) {
        return new Failure(ErrorKind.TIMEOUT, "no response within " + describe(timeout));
    }

    /**
     * @param target  {@code host:port} the attempt went to
     * @param timeout the attempt's time limit
     */
    static Failure of(Throwable thrown, String target, Duration timeout) {
        Throwable root = unwrap(thrown);
        // the most specific cause wins: an SSLException may be wrapped in a plain IOException
        for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Failure failure = classify(t, target, timeout);
            if (failure != null) {
                return failure;
            }
        }
        return new Failure(ErrorKind.CONNECT, shorten("request to " + target + " failed: " + describe(root)));
    }

    private static Failure classify(Throwable t, String target, Duration timeout) {
        if (t instanceof BlockedAddressException) {
            return new Failure(ErrorKind.BLOCKED, shorten(t.getMessage()));
        }
        if (t instanceof UnknownHostException) {
            return new Failure(ErrorKind.DNS, "host " + hostOf(target) + " could not be resolved");
        }
        if (t instanceof ConnectTimeoutException) {
            return new Failure(ErrorKind.TIMEOUT, "could not connect to " + target + " within " + describe(timeout));
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
            return timeout(timeout);
        }
        if (t instanceof SSLException) {
            return new Failure(ErrorKind.TLS, shorten("TLS with " + target + " failed: " + describe(t)));
        }
        if (t instanceof NoRouteToHostException || t instanceof PortUnreachableException) {
            return new Failure(ErrorKind.CONNECT, "no route to " + target);
        }
        if (t instanceof ConnectException) {
            String cause = t.getCause() != null ? describe(t.getCause()) : describe(t);
            return new Failure(ErrorKind.CONNECT, cause.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused by " + target
                    : shorten("could not connect to " + target + ": " + cause));
        }
        if (t instanceof ConnectionClosedException) {
            return new Failure(ErrorKind.CONNECT, "connection closed by " + target + " before a complete response");
        }
        if (t instanceof SocketException) {
            String message = describe(t);
            return new Failure(ErrorKind.CONNECT, message.toLowerCase(Locale.ROOT).contains("reset")
                    ? "connection reset by " + target
                    : shorten("connection to " + target + " failed: " + message));
        }
        if (t instanceof InterruptedIOException) { // other I/O timeouts
            return timeout(timeout);
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String hostOf(String target) {
        int colon = target.lastIndexOf(':');
        return colon > 0 ? target.substring(0, colon) : target;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis < 1000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
