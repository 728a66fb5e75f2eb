package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.out.Transactions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Group commit with a fake store whose transactions really roll back. */
class GroupCommitTest {

    /** A list "table": a transaction works on a copy and replaces the table only when it commits. */
    private static final class FakeStore implements Transactions {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();
        final AtomicInteger durable = new AtomicInteger();
        List<String> rows = new ArrayList<>();
        final ThreadLocal<List<String>> current = new ThreadLocal<>();
        volatile long commitMillis;
        /** The commit itself fails (after the work returned), and the transaction rolls back. */
        volatile boolean commitFails;

        @Override
        public synchronized <T> T inTransaction(Supplier<T> work) {
            List<String> copy = new ArrayList<>(rows);
            current.set(copy);
            try {
                T result = work.get();
                sleep(commitMillis);
                if (commitFails) {
                    throw new IllegalStateException("the commit failed");
                }
                rows = copy;
                commits.incrementAndGet();
                return result;
            } catch (RuntimeException e) {
                rollbacks.incrementAndGet();
                throw e;
            } finally {
                current.remove();
            }
        }

        volatile boolean syncFails;

        @Override
        public <T> T inDurableTransaction(Supplier<T> work) {
            durable.incrementAndGet();
            T result = inTransaction(work);
            if (syncFails) {
                throw new Transactions.NotDurableException("the disk failed", new IOException("EIO"));
            }
            return result;
        }

        void insert(String row) {
            current.get().add(row);
        }
    }

    @Test
    void aLoneCallerCommitsAtOnceInItsOwnTransaction() {
        FakeStore store = new FakeStore();
        GroupCommit<Supplier<String>, String> group = units(store);
        assertEquals("a", group.submit(() -> {
            store.insert("a");
            return "a";
        }));
        assertEquals(List.of("a"), store.rows);
        assertEquals(1, store.durable.get(), "an accepted item is on stable storage when submit returns");
        assertEquals(1, store.commits.get());
    }

    /**
     * Asynchronous callers wait on no thread of theirs: their futures complete once their batch is
     * committed (items queued during a write go together into the next one), or fail alone.
     */
    @Test
    void asynchronousCallersGetTheirResultsOnceTheirBatchIsCommitted() throws Exception {
        FakeStore store = new FakeStore();
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> group = new GroupCommit<>(store, 64, items -> {
            batchSizes.add(items.size());
            if (items.contains("first")) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
            }
            if (items.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            items.forEach(store::insert);
            return items.stream().map(String::toUpperCase).toList();
        });
        CompletableFuture<String> first = group.submitAsync("first");
        firstWriteStarted.await();
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (String item : List.of("a", "bad", "b")) {
            queued.add(group.submitAsync(item));
        }
        sleep(20);
        assertTrue(!first.isDone() && queued.stream().noneMatch(Future::isDone),
                "nothing is answered before its commit");
        releaseFirstWrite.countDown();
        assertEquals("FIRST", first.get(5, TimeUnit.SECONDS));
        assertEquals("A", queued.get(0).get(5, TimeUnit.SECONDS));
        assertEquals("B", queued.get(2).get(5, TimeUnit.SECONDS));
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> queued.get(1).get(5, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IllegalArgumentException, failed.toString());
        assertEquals(List.of("first", "a", "b"), store.rows);
        assertEquals(3, batchSizes.get(1), "the three queued during the first write went together: " + batchSizes);
    }

    @Test
    void concurrentCallersShareCommitsAndEachGetsItsOwnResult() throws Exception {
        FakeStore store = new FakeStore();
        store.commitMillis = 20;
        List<Future<String>> results = submitAtOnce(units(store), 64, 16, i -> () -> {
            store.insert("row-" + i);
            return "row-" + i;
        });
        for (int i = 0; i < 64; i++) {
            assertEquals("row-" + i, results.get(i).get());
        }
        assertEquals(64, store.rows.size());
        assertTrue(store.commits.get() < 32, "64 callers on 16 threads shared commits: " + store.commits.get());
    }

    @Test
    void aBatchCommittedButNotSyncedIsNeitherWrittenAgainNorReportedAsAccepted() throws Exception {
        FakeStore store = new FakeStore();
        store.commitMillis = 20;
        store.syncFails = true;
        List<Future<String>> results = submitAtOnce(units(store), 24, 8, i -> () -> {
            store.insert("row-" + i);
            return "row-" + i;
        });
        for (Future<String> f : results) {
            Exception e = assertThrows(Exception.class, f::get);
            assertTrue(e.getCause() instanceof Transactions.NotDurableException, String.valueOf(e.getCause()));
        }
        assertTrue(store.commits.get() < 24, "batched: " + store.commits.get());
        assertEquals(24, store.rows.size(), "each row once: " + store.rows);
        assertEquals(24, store.rows.stream().distinct().count());
    }

    @Test
    void aFailingUnitFailsOnlyItsOwnCallerAndLeavesNothingBehind() throws Exception {
        FakeStore store = new FakeStore();
        store.commitMillis = 20;
        List<Future<String>> results = submitAtOnce(units(store), 24, 8, n -> () -> {
            store.insert("row-" + n);
            if (n == 13) {
                throw new IllegalStateException("unit 13 is broken");
            }
            return "row-" + n;
        });
        for (int i = 0; i < 24; i++) {
            Future<String> f = results.get(i);
            if (i == 13) {
                Exception e = assertThrows(Exception.class, f::get);
                assertEquals("unit 13 is broken", e.getCause().getMessage());
            } else {
                assertEquals("row-" + i, f.get());
            }
        }
        assertEquals(23, store.rows.size(), "every row but the broken one, each once: " + store.rows);
        assertEquals(23, store.rows.stream().distinct().count());
        assertTrue(!store.rows.contains("row-13"));
    }

    /**
     * {@code n} callers on {@code threads} threads submit {@code unit.apply(i)} all at once; returns
     * their outcomes in order, once every caller has one.
     */
    private static List<Future<String>> submitAtOnce(GroupCommit<Supplier<String>, String> group, int n, int threads,
                                                     IntFunction<Supplier<String>> unit) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> results = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            Supplier<String> item = unit.apply(i);
            results.add(pool.submit(() -> {
                start.await();
                return group.submit(item);
            }));
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "every caller got an answer");
        return results;
    }

    /** Items that are units of work: the batch runs each in turn, in the shared transaction. */
    private static GroupCommit<Supplier<String>, String> units(FakeStore store) {
        return new GroupCommit<>(store, 64, items -> items.stream().map(Supplier::get).toList());
    }

    @Test
    void theWriteSeesTheWholeBatchAtOnce() throws Exception {
        FakeStore store = new FakeStore();
        store.commitMillis = 20;
        List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> group = new GroupCommit<>(store, 10, items -> {
            batchSizes.add(items.size());
            items.forEach(store::insert);
            return items.stream().map(String::toUpperCase).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 40; i++) {
                String row = "row-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return group.submit(row);
                }));
            }
            start.countDown();
            for (int i = 0; i < 40; i++) {
                assertEquals("ROW-" + i, results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, store.rows.size());
        assertEquals(40, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.stream().allMatch(n -> n <= 10), "at most maxBatch items per write: " + batchSizes);
        assertTrue(batchSizes.stream().anyMatch(n -> n > 1), "concurrent items were written together: " + batchSizes);
    }

    /**
     * More items wait than one batch holds, and whichever waiter wakes first leads: it writes the
     * oldest maxBatch items, never its own on top of them, and every item is still written once.
     */
    @Test
    void aLeaderWhoseItemIsNotAmongTheOldestNeverOverfillsTheBatch() throws Exception {
        for (int round = 0; round < 30; round++) {
            FakeStore store = new FakeStore();
            List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch firstWriteStarted = new CountDownLatch(1);
            CountDownLatch releaseFirstWrite = new CountDownLatch(1);
            GroupCommit<String, String> group = new GroupCommit<>(store, 2, items -> {
                batchSizes.add(items.size());
                if (items.contains("first")) {
                    firstWriteStarted.countDown();
                    await(releaseFirstWrite);
                }
                items.forEach(store::insert);
                return items;
            });
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                Future<String> first = pool.submit(() -> group.submit("first"));
                firstWriteStarted.await();
                List<Future<String>> rest = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    String row = "row-" + i;
                    rest.add(pool.submit(() -> group.submit(row)));
                }
                sleep(20); // all seven are waiting behind the first write
                releaseFirstWrite.countDown();
                assertEquals("first", first.get());
                for (int i = 0; i < 7; i++) {
                    assertEquals("row-" + i, rest.get(i).get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(8, store.rows.size());
            assertEquals(8, store.rows.stream().distinct().count());
            assertTrue(batchSizes.stream().allMatch(n -> n <= 2), "at most maxBatch items per write: " + batchSizes);
        }
    }

    /**
     * The outcome hears of every write whose transaction it knows the fate of: committed (also when
     * only the sync failed: the rows are in), or rolled back after the write returned. A write that
     * throws undoes its own work, so the outcome does not hear of it.
     */
    @Test
    void theOutcomeHearsWhetherAWriteWasCommittedOrRolledBack() {
        FakeStore store = new FakeStore();
        List<String> committed = new ArrayList<>();
        List<String> rolledBack = new ArrayList<>();
        GroupCommit<String, String> group = new GroupCommit<>(store, 64, items -> {
            if (items.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            items.forEach(store::insert);
            return items;
        }, new GroupCommit.Outcome<>() {
            @Override
            public void committed(List<String> results) {
                committed.addAll(results);
            }

            @Override
            public void rolledBack(List<String> results) {
                rolledBack.addAll(results);
            }
        });

        assertEquals("a", group.submit("a"));
        store.commitFails = true;
        assertThrows(IllegalStateException.class, () -> group.submit("b"));
        store.commitFails = false;
        store.syncFails = true;
        assertThrows(Transactions.NotDurableException.class, () -> group.submit("c"));
        store.syncFails = false;
        assertThrows(IllegalArgumentException.class, () -> group.submit("bad"));

        assertEquals(List.of("a", "c"), store.rows);
        assertEquals(List.of("a", "c"), committed);
        assertEquals(List.of("b"), rolledBack);
    }

    /** An outcome that throws does not make committed items fail or be written again. */
    @Test
    void anOutcomeThatThrowsNeitherFailsNorRepeatsACommittedWrite() throws Exception {
        FakeStore store = new FakeStore();
        store.commitMillis = 20;
        GroupCommit<Supplier<String>, String> group = new GroupCommit<>(store, 64,
                items -> items.stream().map(Supplier::get).toList(), new GroupCommit.Outcome<>() {
                    @Override
                    public void committed(List<String> results) {
                        throw new IllegalStateException("the outcome failed");
                    }

                    @Override
                    public void rolledBack(List<String> results) {
                    }
                });
        List<Future<String>> results = submitAtOnce(group, 16, 8, i -> () -> {
            store.insert("row-" + i);
            return "row-" + i;
        });
        for (int i = 0; i < 16; i++) {
            assertEquals("row-" + i, results.get(i).get());
        }
        assertEquals(16, store.rows.size(), "each item written once: " + store.rows);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
