package dev.hookline.application.port.out;

/**
 * Which page to read: at most {@code limit} items strictly older than {@code before} (an id), or
 * the newest when {@code before} is {@code null}.
 */
public record PageRequest(String before, int limit) {

    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }
}
