package dev.hookline.application.service;

import dev.hookline.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the items that callers submit at the same time together, in one durable transaction
 * (group commit): a writer thread takes every waiting item (up to {@code maxBatch}, oldest first)
 * and runs {@code write} on all of them at once, while the next ones queue for the next batch. A
 * commit costs the same for one row as for a hundred (H2 writes its pages and syncs its file,
 * PostgreSQL flushes its log), and {@code write} can send each statement once for the whole batch,
 * so under concurrent load N commits and N round trips per statement become one; a lone item is
 * written alone, at once. Callers either wait ({@link #submit}) or get a future ({@link #submitAsync}):
 * then no thread of theirs waits for the disk, and the future completes on the writer thread.
 *
 * <p>If the shared transaction fails, every item of it is written again in a transaction of its
 * own, so one bad item fails only its own caller (not when it committed and only the sync to the
 * disk failed: then every caller of the batch gets that failure). {@code write} must therefore be safe to repeat
 * after a rollback, and must return one result per item, in order.
 *
 * @param <I> what callers submit
 * @param <R> what each caller gets back
 */
final class GroupCommit<I, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final Transactions transactions;
    private final int maxBatch;
    private final Function<List<I>, List<R>> write;
    private final Outcome<R> outcome;
    /** One thread, while there is work; it ends after a while without any. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "hookline-group-commit");
                t.setDaemon(true);
                return t;
            });
    private final Object lock = new Object();
    private List<Unit> waiting = new ArrayList<>(); // guarded by lock
    private boolean writing; // guarded by lock: the writer is taking batches

    GroupCommit(Transactions transactions, int maxBatch, Function<List<I>, List<R>> write) {
        this(transactions, maxBatch, write, Outcome.none());
    }

    GroupCommit(Transactions transactions, int maxBatch, Function<List<I>, List<R>> write, Outcome<R> outcome) {
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.write = write;
        this.outcome = outcome;
    }

    /**
     * What became of the results of a {@code write} (called by the writer before the callers get
     * their results): for work that must follow the commit, or be undone when the transaction
     * rolled back after {@code write} returned. ({@code write} undoes its own work when it throws.)
     */
    interface Outcome<R> {

        /** In the database: committed (also when only the sync to the disk failed). */
        void committed(List<R> results);

        /** Rolled back after {@code write} returned these. */
        void rolledBack(List<R> results);

        static <R> Outcome<R> none() {
            return new Outcome<>() {
                @Override
                public void committed(List<R> results) {
                }

                @Override
                public void rolledBack(List<R> results) {
                }
            };
        }
    }

    /**
     * Writes {@code item}, possibly in a batch with concurrent callers' items; returns its result.
     * Never call it on the writer thread (from an {@link Outcome} or a continuation of a future of
     * {@link #submitAsync}): it would wait for itself.
     */
    R submit(I item) {
        CompletableFuture<R> result = submitAsync(item);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the caller cannot leave: its item may already be in a batch
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues {@code item} for the next batch; the future completes (on the writer thread) with its
     * result once that batch is written, or fails as {@link #submit} would throw.
     */
    CompletableFuture<R> submitAsync(I item) {
        Unit unit = new Unit(item);
        boolean start;
        synchronized (lock) {
            waiting.add(unit);
            start = !writing;
            writing = true;
        }
        if (start) {
            writer.execute(this::writeWhileWaiting);
        }
        return unit.result;
    }

    /** The writer: batch after batch, oldest items first, until none waits. */
    private void writeWhileWaiting() {
        while (true) {
            List<Unit> batch;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    writing = false;
                    return;
                }
                int n = Math.min(waiting.size(), maxBatch);
                batch = new ArrayList<>(waiting.subList(0, n));
                waiting = new ArrayList<>(waiting.subList(n, waiting.size()));
            }
            try {
                commit(batch);
            } catch (Throwable unexpected) {
                // commit finishes every unit itself; whatever slipped through fails those left, and the
                // writer goes on with the next batch
                LOG.log(Level.SEVERE, "writing a batch of " + batch.size() + " items", unexpected);
                batch.forEach(u -> u.finish(null, new IllegalStateException("the write failed", unexpected), null));
            }
        }
    }

    private void commit(List<Unit> batch) {
        if (batch.size() > 1) {
            try {
                List<R> results = write(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).finish(results.get(i), null, null);
                }
                return;
            } catch (Transactions.NotDurableException committed) {
                // written, so not again: every caller learns its item may not have reached the disk
                for (Unit unit : batch) {
                    unit.finish(null, committed, null);
                }
                return;
            } catch (RuntimeException | Error shared) {
                // fall through: each item alone, so only the item at fault fails
            }
        }
        for (Unit unit : batch) {
            try {
                unit.finish(write(List.of(unit)).get(0), null, null);
            } catch (RuntimeException e) {
                unit.finish(null, e, null);
            } catch (Error e) {
                unit.finish(null, null, e);
            }
        }
    }

    /** One durable transaction for {@code units}, and its {@link Outcome}. */
    private List<R> write(List<Unit> units) {
        List<List<R>> written = new ArrayList<>(1);
        List<R> results;
        try {
            results = transactions.inDurableTransaction(() -> {
                List<R> r = writeAll(units);
                written.add(r);
                return r;
            });
        } catch (Transactions.NotDurableException committed) {
            if (!written.isEmpty()) {
                afterCommit(written.get(0));
            }
            throw committed;
        } catch (RuntimeException | Error e) {
            if (!written.isEmpty()) {
                outcome.rolledBack(written.get(0));
            }
            throw e;
        }
        afterCommit(results);
        return results;
    }

    /**
     * The outcome of a commit; whatever it throws is logged, never taken for a failed write: the
     * items are in the database and must not be written again.
     */
    private void afterCommit(List<R> results) {
        try {
            outcome.committed(results);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "after a commit of " + results.size() + " items", e);
        }
    }

    private List<R> writeAll(List<Unit> units) {
        List<I> items = new ArrayList<>(units.size());
        for (Unit unit : units) {
            items.add(unit.item);
        }
        List<R> results = write.apply(items);
        if (results.size() != items.size()) {
            throw new IllegalStateException("write returned " + results.size() + " results for " + items.size() + " items");
        }
        return results;
    }

    private final class Unit {
        private final I item;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        Unit(I item) {
            this.item = item;
        }

        /** Completes the caller's future, once (a later call changes nothing). */
        void finish(R v, RuntimeException f, Error e) {
            if (e != null) {
                result.completeExceptionally(e);
            } else if (f != null) {
                result.completeExceptionally(f);
            } else {
                result.complete(v);
            }
        }
    }
}
