package dev.hookline.domain.event;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which events an endpoint receives: all of them, or a set of type names and categories
 * ({@code payment.*} selects every type whose name starts with {@code payment.}).
 */
public sealed interface EventFilter permits EventFilter.AllEvents, EventFilter.Selected {

    String ALL = "*";
    String CATEGORY_SUFFIX = ".*";
    int MAX_PATTERNS = 200;

    boolean accepts(EventTypeName type);

    /** The filter as the API shows it: {@code ["*"]} or the sorted patterns. */
    List<String> patterns();

    record AllEvents() implements EventFilter {
        @Override
        public boolean accepts(EventTypeName type) {
            return true;
        }

        @Override
        public List<String> patterns() {
            return List.of(ALL);
        }
    }

    record Selected(SortedSet<String> names, SortedSet<String> categories) implements EventFilter {
        public Selected {
            names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
            categories = Collections.unmodifiableSortedSet(new TreeSet<>(categories));
            if (names.isEmpty() && categories.isEmpty()) {
                throw new IllegalArgumentException("a selection needs at least one event type");
            }
        }

        @Override
        public boolean accepts(EventTypeName type) {
            return names.contains(type.value()) || categories.contains(type.category());
        }

        @Override
        public List<String> patterns() {
            TreeSet<String> all = new TreeSet<>(names);
            categories.forEach(category -> all.add(category + CATEGORY_SUFFIX));
            return List.copyOf(all);
        }
    }

    /** Parses the API's {@code events} list. */
    static FilterParse parse(Collection<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return new FilterParse.Invalid("events must list at least one event type, or \"*\" for all events");
        }
        if (patterns.size() > MAX_PATTERNS) {
            return new FilterParse.Invalid("events may list at most " + MAX_PATTERNS + " entries");
        }
        SortedSet<String> names = new TreeSet<>();
        SortedSet<String> categories = new TreeSet<>();
        boolean all = false;
        for (String pattern : patterns) {
            if (pattern == null) {
                return new FilterParse.Invalid("events must not contain null");
            }
            if (pattern.equals(ALL)) {
                all = true;
            } else if (pattern.endsWith(CATEGORY_SUFFIX)
                    && EventTypeName.isValid(pattern.substring(0, pattern.length() - 2) + ".x")) {
                String category = pattern.substring(0, pattern.length() - 2);
                if (category.contains(".")) {
                    return new FilterParse.Invalid("\"" + pattern + "\" is not a category: use e.g. \"payment.*\"");
                }
                categories.add(category);
            } else if (EventTypeName.isValid(pattern)) {
                names.add(pattern);
            } else {
                return new FilterParse.Invalid("\"" + pattern
                        + "\" is neither an event type (like payment.succeeded), a category (like payment.*) nor \"*\"");
            }
        }
        if (all && (names.size() + categories.size()) > 0) {
            return new FilterParse.Invalid("\"*\" already selects all events; do not combine it with other event types");
        }
        return new FilterParse.Valid(all ? new AllEvents() : new Selected(names, categories));
    }

    sealed interface FilterParse permits FilterParse.Valid, FilterParse.Invalid {
        record Valid(EventFilter filter) implements FilterParse {
        }

        record Invalid(String reason) implements FilterParse {
        }
    }
}
