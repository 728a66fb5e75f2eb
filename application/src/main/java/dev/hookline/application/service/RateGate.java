package dev.hookline.application.service;

/**
 * A token bucket for one endpoint's rate limit (deliveries per second, bursts up to one second's
 * worth). Not thread-safe: used by the dispatcher's claiming thread only.
 */
final class RateGate {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    RateGate(int perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes a token and returns 0, or returns how many nanoseconds until one is available. */
    long tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** How many tokens {@link #tryTake} would hand out now, one after the other, without a wait. */
    int available(long nowNanos) {
        return (int) Math.floor(Math.min(capacity, tokens + (nowNanos - last) * perNano));
    }

    boolean sameRate(int perSecond) {
        return Math.abs(perNano - perSecond / 1e9) < 1e-15;
    }
}
