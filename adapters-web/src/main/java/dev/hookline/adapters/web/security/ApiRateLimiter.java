package dev.hookline.adapters.web.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request limit for the API ({@code hookline.api.rate-limit} requests per second, bursts
 * of one second's worth; 0 turns it off). The operator key is not limited: it carries the
 * platform's event stream. Counted per node.
 */
@Singleton
public class ApiRateLimiter {

    private final int perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ApiRateLimiter(@Value("${hookline.api.rate-limit:100}") int perSecond) {
        this.perSecond = perSecond;
    }

    /** 0 when the request may go ahead, else the seconds to wait. */
    public long acquire(Caller caller) {
        if (perSecond <= 0 || !(caller instanceof Caller.Merchant merchant)) {
            return 0;
        }
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(merchant.keyHash(), k -> new Bucket(perSecond)).take(perSecond);
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(int perSecond) {
            tokens = perSecond;
        }

        synchronized long take(int perSecond) {
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
