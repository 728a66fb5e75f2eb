package dev.hookline.adapters.httpout;

import dev.hookline.application.port.out.WebhookSender;
import dev.hookline.domain.delivery.AttemptOutcome;
import dev.hookline.domain.delivery.ErrorKind;
import dev.hookline.domain.endpoint.network.NetworkPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends webhooks with Apache HttpClient 5 (async, HTTP/1.1, two I/O threads, pooled keep-alive
 * connections). Redirects are never followed, nothing is retried, no cookies or credentials are
 * kept between attempts.
 *
 * <p>Every address is checked against the {@link NetworkPolicy} when a connection is opened (see
 * {@link PolicyCheckingDnsResolver}). Each attempt has a hard deadline: connect, request and
 * response together take at most the request's timeout, after which the exchange is cancelled.
 */
public final class ApacheWebhookSender implements WebhookSender, AutoCloseable {

    private static final ContentType JSON = ContentType.create("application/json");
    private static final int IO_THREADS = 2;

    private final CloseableHttpAsyncClient client;
    private final ScheduledThreadPoolExecutor deadlines;
    private final boolean allowInsecureUrls;
    private volatile boolean closed;
    /** Attempts almost always share one timeout: its config is built once, not per request. */
    private volatile TimedConfig lastConfig;

    /**
     * @param policy         addresses and URLs allowed
     * @param timeout        the usual attempt timeout (connections are configured with it)
     * @param maxConnections open connections in total, and to any one endpoint (per-endpoint
     *                       concurrency is the dispatcher's business)
     */
    public ApacheWebhookSender(NetworkPolicy policy, Duration timeout, int maxConnections) {
        this(policy, new PolicyCheckingDnsResolver(policy), timeout, maxConnections);
    }

    ApacheWebhookSender(NetworkPolicy policy, DnsResolver resolver, Duration timeout, int maxConnections) {
        Objects.requireNonNull(policy, "policy");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive: " + maxConnections);
        }
        this.allowInsecureUrls = policy.allowInsecureUrls();
        Timeout limit = Timeout.of(timeout);
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setTlsStrategy(ClientTlsStrategyBuilder.create().useSystemProperties().build())
                .setDefaultTlsConfig(TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(limit)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .build())
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(IO_THREADS)
                        .setSoTimeout(limit)
                        .setTcpNoDelay(true)
                        .build())
                .setDefaultRequestConfig(requestConfig(timeout))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hookline-attempt-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        this.lastConfig = new TimedConfig(timeout, requestConfig(timeout));
        client.start();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The future completes on an HttpClient I/O thread (or the deadline thread): dependent
     * stages must not block, or must run on their own executor ({@code thenAcceptAsync(.., executor)}).
     */
    @Override
    public CompletableFuture<AttemptOutcome> send(OutboundRequest request) {
        if (closed) { // not something the endpoint did: no attempt to record
            return CompletableFuture.failedFuture(new IllegalStateException("the webhook sender is closed"));
        }
        URI uri;
        try {
            uri = new URI(request.url());
        } catch (URISyntaxException e) {
            return blocked("invalid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if ("http".equalsIgnoreCase(scheme)) {
            if (!allowInsecureUrls) {
                return blocked("http:// URLs are not allowed, use https://");
            }
        } else if (!"https".equalsIgnoreCase(scheme)) {
            return blocked(allowInsecureUrls ? "only https:// and http:// URLs are allowed" : "only https:// URLs are allowed");
        }
        if (uri.getHost() == null) {
            return blocked("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return blocked("URLs with user info are not allowed");
        }

        BasicHttpRequest message = new BasicHttpRequest(Method.POST, uri);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            String name = header.getKey();
            // HttpClient frames the body itself and refuses a request that already declares it
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                message.addHeader(name, header.getValue());
            }
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(configFor(request.timeout()));

        Attempt attempt = new Attempt(target(uri), request.timeout());
        // the deadline runs from here: it covers a DNS lookup that execute() may do on this thread
        attempt.deadline = deadlines.schedule(attempt, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            attempt.exchange = client.execute(
                    new BasicRequestProducer(message, new BasicAsyncEntityProducer(request.body(), JSON)),
                    new BoundedResponseConsumer(), context, attempt);
        } catch (RuntimeException e) { // e.g. closed concurrently: not an outcome of the endpoint
            attempt.deadline.cancel(false);
            attempt.result.completeExceptionally(e);
            return attempt.result;
        }
        if (attempt.result.isDone()) { // finished already, or the deadline passed before the exchange was known
            attempt.exchange.cancel(true);
            attempt.deadline.cancel(false);
        }
        return attempt.result;
    }

    /** Stops accepting attempts; attempts still in flight end as failures. */
    @Override
    public void close() {
        closed = true;
        client.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }

    private RequestConfig configFor(Duration timeout) {
        TimedConfig last = lastConfig;
        if (!last.timeout().equals(timeout)) {
            last = new TimedConfig(timeout, requestConfig(timeout));
            lastConfig = last;
        }
        return last.config();
    }

    private record TimedConfig(Duration timeout, RequestConfig config) {
    }

    @SuppressWarnings("deprecation") // per-request connect timeout: still honoured, and timeouts may differ per call
    private static RequestConfig requestConfig(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        return RequestConfig.custom()
                .setConnectTimeout(limit)
                .setResponseTimeout(limit)
                .setConnectionRequestTimeout(limit)
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .build();
    }

    private static String target(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static CompletableFuture<AttemptOutcome> blocked(String reason) {
        return CompletableFuture.completedFuture(new AttemptOutcome.Failure(ErrorKind.BLOCKED, reason));
    }

    /** One attempt in flight: HttpClient's callback, and the deadline task that cancels it. */
    private static final class Attempt implements FutureCallback<AttemptOutcome>, Runnable {

        final CompletableFuture<AttemptOutcome> result = new CompletableFuture<>();
        final String target;
        final Duration timeout;
        volatile Future<AttemptOutcome> exchange;
        volatile ScheduledFuture<?> deadline;

        Attempt(String target, Duration timeout) {
            this.target = target;
            this.timeout = timeout;
        }

        @Override
        public void completed(AttemptOutcome outcome) {
            finish(outcome);
        }

        @Override
        public void failed(Exception cause) {
            finish(Failures.of(cause, target, timeout));
        }

        @Override
        public void cancelled() {
            finish(new AttemptOutcome.Failure(ErrorKind.CONNECT, "attempt to " + target + " cancelled (shutting down)"));
        }

        /** The deadline passed. */
        @Override
        public void run() {
            if (result.complete(Failures.timeout(timeout))) {
                Future<AttemptOutcome> running = exchange;
                if (running != null) {
                    running.cancel(true);
                }
            }
        }

        private void finish(AttemptOutcome outcome) {
            if (result.complete(outcome)) {
                ScheduledFuture<?> pending = deadline;
                if (pending != null) {
                    pending.cancel(false);
                }
            }
        }
    }
}
