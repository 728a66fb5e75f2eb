package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KnownToExistTest {

    private final Set<String> stored = new HashSet<>(Set.of("a", "b", "c"));
    private final AtomicInteger lookUps = new AtomicInteger();

    private boolean lookUp(String key) {
        lookUps.incrementAndGet();
        return stored.contains(key);
    }

    @Test
    void anExistingKeyIsLookedUpOnce() {
        KnownToExist<String> known = new KnownToExist<>(10);
        assertTrue(known.exists("a", this::lookUp));
        assertTrue(known.exists("a", this::lookUp));
        assertTrue(known.exists("a", this::lookUp));
        assertEquals(1, lookUps.get());
    }

    @Test
    void aMissingKeyIsLookedUpEveryTimeAndFoundOnceCreated() {
        KnownToExist<String> known = new KnownToExist<>(10);
        assertFalse(known.exists("x", this::lookUp));
        assertFalse(known.exists("x", this::lookUp));
        stored.add("x"); // created meanwhile, e.g. on another node
        assertTrue(known.exists("x", this::lookUp));
        assertEquals(3, lookUps.get());
    }

    @Test
    void pastItsBoundItStartsOverAndStaysCorrect() {
        KnownToExist<String> known = new KnownToExist<>(2);
        assertTrue(known.exists("a", this::lookUp));
        assertTrue(known.exists("b", this::lookUp));
        assertTrue(known.exists("c", this::lookUp)); // full: forgets a and b
        assertTrue(known.exists("a", this::lookUp));
        assertEquals(4, lookUps.get());
        assertFalse(known.exists("zz", this::lookUp));
    }
}
