package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Deliveries.HeldClaim;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldDrainTest {

    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    private static final AccountId ACCOUNT = AccountId.generate();

    /** Concurrency 64 per endpoint: claims of at least 16. */
    private final HeldDrain drain = new HeldDrain(64);

    private static List<EndpointId> endpoints(int n) {
        return IntStream.range(0, n).mapToObj(i -> EndpointId.generate()).toList();
    }

    private void marked(List<EndpointId> ids, long mark) {
        Map<EndpointId, Long> marks = new LinkedHashMap<>();
        ids.forEach(id -> marks.put(id, mark));
        drain.marked(marks, Set.copyOf(ids));
    }

    private static List<Delivery> held(EndpointId endpoint, int n) {
        List<Delivery> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Delivery.create(ACCOUNT, EventId.generate(), new EventTypeName("invoice.paid"), endpoint,
                    false, 6, T));
        }
        return list;
    }

    private static Map<EndpointId, Integer> asked(List<HeldClaim> plan) {
        return plan.stream().collect(Collectors.toMap(HeldClaim::endpoint, HeldClaim::limit));
    }

    @Test
    void onlyMarkedEndpointsEnabledNowDrain() {
        List<EndpointId> ids = endpoints(2);
        drain.marked(Map.of(ids.get(0), 1L, ids.get(1), 1L), Set.of(ids.get(1)));
        assertEquals(Set.of(ids.get(1)), asked(drain.plan(T, 100, Set.of(), id -> 64)).keySet());
        drain.marked(Map.of(), Set.of());
        assertTrue(drain.isEmpty());
    }

    @Test
    void theBudgetIsSharedEvenlyAndCappedByFreeSlots() {
        List<EndpointId> ids = endpoints(3);
        marked(ids, 1);
        Map<EndpointId, Integer> free = Map.of(ids.get(0), 64, ids.get(1), 64, ids.get(2), 20);
        Map<EndpointId, Integer> plan = asked(drain.plan(T, 100, Set.of(), free::get));
        assertEquals(20, plan.get(ids.get(2)), "no more than its free slots");
        assertTrue(plan.get(ids.get(0)) >= 33 && plan.get(ids.get(1)) >= 33, plan.toString());
        assertTrue(plan.values().stream().mapToInt(Integer::intValue).sum() <= 100, plan.toString());
        // (what one endpoint cannot take goes to those after it in this turn's order only; the
        // claim takes due deliveries with the rest of its budget)
    }

    @Test
    void aClaimIsNotCutThinnerThanSixteenAndWhoGoesFirstTurns() {
        List<EndpointId> ids = endpoints(10);
        marked(ids, 1);
        Map<EndpointId, Integer> seen = new HashMap<>();
        for (int round = 0; round < 10; round++) {
            List<HeldClaim> plan = drain.plan(T, 40, Set.of(), id -> 64);
            assertTrue(plan.size() <= 3, "40 for ten endpoints: at most three claims of 16, 16 and 8: " + plan);
            assertTrue(plan.stream().allMatch(c -> c.limit() >= 8), plan.toString());
            plan.forEach(c -> seen.merge(c.endpoint(), 1, Integer::sum));
        }
        assertEquals(10, seen.size(), "every endpoint had its turn: " + seen);
    }

    @Test
    void endpointsLeftOutOrWithTooFewFreeSlotsAreNotAsked() {
        List<EndpointId> ids = endpoints(3);
        marked(ids, 1);
        Map<EndpointId, Integer> free = Map.of(ids.get(0), 64, ids.get(1), 64, ids.get(2), 3);
        Map<EndpointId, Integer> plan = asked(drain.plan(T, 100, Set.of(ids.get(0)), free::get));
        assertEquals(Set.of(ids.get(1)), plan.keySet(),
                "left out: the first; three free slots are too few for a claim");
        assertEquals(List.of(), drain.plan(T, 0, Set.of(), id -> 64));
    }

    @Test
    void eachClaimStartsAfterTheLastOneItFound() {
        EndpointId id = endpoints(1).get(0);
        marked(List.of(id), 1);
        HeldClaim first = drain.plan(T, 16, Set.of(), e -> 64).get(0);
        assertNull(first.after(), "from the first held delivery");
        List<Delivery> found = held(id, 16);
        drain.claimed(first, found, T);
        HeldClaim second = drain.plan(T, 16, Set.of(), e -> 64).get(0);
        assertEquals(found.get(15).id(), second.after());
    }

    @Test
    void anEndpointThatHadTooFewRestsThenLooksFromItsFirstThenRestsLonger() {
        EndpointId id = endpoints(1).get(0);
        marked(List.of(id), 1);
        HeldClaim first = drain.plan(T, 16, Set.of(), e -> 64).get(0);
        drain.claimed(first, held(id, 16), T);
        HeldClaim short1 = drain.plan(T, 16, Set.of(), e -> 64).get(0);
        drain.claimed(short1, held(id, 5), T);
        assertEquals(List.of(), drain.plan(T.plus(HeldDrain.REST).minusMillis(1), 16, Set.of(), e -> 64), "resting");
        HeldClaim look = drain.plan(T.plus(HeldDrain.REST), 16, Set.of(), e -> 64).get(0);
        assertNull(look.after(), "after the rest, from its first again (one held behind the others)");
        drain.claimed(look, List.of(), T.plus(HeldDrain.REST));
        Instant after = T.plus(HeldDrain.REST).plus(HeldDrain.EXHAUSTED);
        assertEquals(List.of(), drain.plan(after.minusMillis(1), 16, Set.of(), e -> 64), "none from its first either");
        assertEquals(1, drain.plan(after, 16, Set.of(), e -> 64).size());
    }

    @Test
    void aNewMarkStartsFromTheFirstAndAnUnchangedOneKeepsItsCursor() {
        EndpointId id = endpoints(1).get(0);
        marked(List.of(id), 1);
        HeldClaim first = drain.plan(T, 16, Set.of(), e -> 64).get(0);
        List<Delivery> found = held(id, 16);
        drain.claimed(first, found, T);
        marked(List.of(id), 1);
        assertEquals(found.get(15).id(), drain.plan(T, 16, Set.of(), e -> 64).get(0).after(), "same mark: kept");
        marked(List.of(id), 2);
        assertNull(drain.plan(T, 16, Set.of(), e -> 64).get(0).after(), "disabled and enabled again: from the first");
    }
}
