package dev.hookline.application.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Remembers keys found to exist, for things that are never deleted (accounts, event types): a
 * positive answer stays true, so only unknown keys are looked up. A key that does not exist is
 * looked up every time (it may be created meanwhile, on any node). Bounded: past {@code max}
 * keys it starts over.
 */
final class KnownToExist<K> {

    private final Set<K> known = ConcurrentHashMap.newKeySet();
    private final int max;

    KnownToExist(int max) {
        this.max = max;
    }

    /** Whether {@code key} is known to exist, without looking it up. */
    boolean knows(K key) {
        return known.contains(key);
    }

    boolean exists(K key, Predicate<K> lookUp) {
        if (known.contains(key)) {
            return true;
        }
        if (!lookUp.test(key)) {
            return false;
        }
        if (known.size() >= max) {
            known.clear();
        }
        known.add(key);
        return true;
    }
}
