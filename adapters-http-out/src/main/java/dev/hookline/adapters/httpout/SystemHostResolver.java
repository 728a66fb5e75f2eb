package dev.hookline.adapters.httpout;

import dev.hookline.application.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks host names up with the system resolver ({@link InetAddress#getAllByName}), giving up
 * after a time limit: a slow DNS server must not hold up saving an endpoint. A name that does not
 * resolve is not refused here; it is checked again at connect time.
 */
public final class SystemHostResolver implements HostResolver, AutoCloseable {

    private static final int THREADS = 2;
    private static final int QUEUE = 64;

    private final Duration timeout;
    private final ThreadPoolExecutor lookups;

    public SystemHostResolver(Duration timeout) {
        this.timeout = timeout;
        this.lookups = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "hookline-host-lookup");
                    thread.setDaemon(true);
                    return thread;
                });
        lookups.allowCoreThreadTimeOut(true);
    }

    @Override
    public Resolution resolve(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Future<InetAddress[]> lookup;
        try {
            lookup = lookups.submit(() -> InetAddress.getAllByName(name));
        } catch (RejectedExecutionException e) {
            return new Resolution.Unresolved("too many lookups in progress");
        }
        try {
            return new Resolution.Resolved(List.of(lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Resolution.Unresolved("lookup of " + name + " took longer than " + Failures.describe(timeout));
        } catch (ExecutionException e) {
            return new Resolution.Unresolved(e.getCause() instanceof UnknownHostException
                    ? "host " + name + " not found"
                    : "lookup of " + name + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            return new Resolution.Unresolved("lookup of " + name + " interrupted");
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
