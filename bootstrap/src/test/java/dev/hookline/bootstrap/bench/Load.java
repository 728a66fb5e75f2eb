package dev.hookline.bootstrap.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 async, configured like Hookline's own sender (HTTP/1.1 keep-alive, pooled,
 * TCP_NODELAY): drives the publish API, and is the bare-client ceiling against the sink.
 */
final class Load implements AutoCloseable {

    private final CloseableHttpAsyncClient client;

    Load(int maxConnections, int ioThreads) {
        Timeout limit = Timeout.ofSeconds(30);
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(ioThreads).setTcpNoDelay(true).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(Timeout.ofSeconds(60)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        client.start();
    }

    /** POSTs JSON; completes with the status code, or -1 when the exchange failed. */
    CompletableFuture<Integer> post(String url, String json, String... headers) {
        SimpleRequestBuilder b = SimpleRequestBuilder.post(url).setBody(json, ContentType.APPLICATION_JSON);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        SimpleHttpRequest request = b.build();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        client.execute(request, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                done.complete(response.getCode());
            }

            @Override
            public void failed(Exception ex) {
                done.complete(-1);
            }

            @Override
            public void cancelled() {
                done.complete(-1);
            }
        });
        return done;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        try {
            client.awaitShutdown(org.apache.hc.core5.util.TimeValue.of(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
