package dev.hookline.application.port.out;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, newest first.
 *
 * @param nextCursor the id after which the next page starts (exclusive), empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /** Builds a page from up to {@code limit + 1} rows fetched newest first. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, String> idOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(idOf.apply(items.get(limit - 1))));
    }
}
