package dev.hookline.adapters.web.api;

import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.out.Page;
import dev.hookline.application.port.out.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code ?limit=} and {@code ?cursor=} of list routes. A cursor is opaque to clients: it wraps
 * the id of the last item of the page (ids are time-ordered, so "older than the cursor" is
 * stable while new items are inserted), or for the event type catalog its name (up to 100
 * characters; the catalog is ordered by name). A limit outside 1..100 or that is not a number is
 * a 400, not silently clamped, so a client never believes it got everything when it did not.
 */
final class Paging {

    private static final String VERSION = "c1:";

    private Paging() {
    }

    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return PageRequest.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw badLimit();
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw badLimit();
        }
        return limit;
    }

    private static ApiException badLimit() {
        return new ApiException(Problem.invalid("limit", "limit must be a whole number from 1 to "
                + PageRequest.MAX_LIMIT + " (default " + PageRequest.DEFAULT_LIMIT + ")"));
    }

    static String encode(String id) {
        if (id == null) {
            return null;
        }
        byte[] bytes = (VERSION + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The id inside a cursor this API returned; {@code null} for none; a 400 for anything else. */
    static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
        if (!text.startsWith(VERSION) || text.length() > VERSION.length() + 100) {
            throw badCursor();
        }
        return text.substring(VERSION.length());
    }

    /**
     * One page of a list read whole (the catalog, an account's keys or endpoints), given in its order:
     * ascending by {@code keyOf}, or descending. The items after the cursor's key, at most the limit;
     * a 400 for a bad limit, or for a cursor whose key {@code validKey} refuses.
     */
    static <T> Page<T> of(List<T> ordered, String limit, String cursor, Predicate<String> validKey,
                          Function<T, String> keyOf, boolean descending) {
        int size = limit(limit);
        String after = decode(cursor);
        if (after != null && !validKey.test(after)) {
            throw badCursor();
        }
        List<T> rows = ordered.stream()
                .filter(t -> after == null || (descending ? keyOf.apply(t).compareTo(after) < 0
                        : keyOf.apply(t).compareTo(after) > 0))
                .limit(size + 1L).toList();
        return Page.of(rows, size, keyOf);
    }

    static ApiException badCursor() {
        return new ApiException(Problem.invalid("cursor", "cursor is not one this API returned (pass next_cursor "
                + "from the previous page as it is)"));
    }
}
