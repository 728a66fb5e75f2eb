package dev.hookline.application.service;

import dev.hookline.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the units of work that callers submit at the same time in one transaction (group commit):
 * the first caller to find no batch running becomes the leader, takes every waiting unit (up to
 * {@code maxBatch}) and commits them together, while the others wait for their result. A commit
 * costs the same for one row as for a hundred (H2 writes its pages, PostgreSQL flushes its log),
 * so under concurrent load this turns N commits into one; a lone caller commits alone, at once.
 *
 * <p>If the shared transaction fails, every unit of it runs again in its own transaction, so one
 * bad unit fails only its own caller. Units must therefore be safe to repeat after a rollback.
 */
final class GroupCommit {

    private final Transactions transactions;
    private final int maxBatch;
    private final Object lock = new Object();
    private List<Unit<?>> waiting = new ArrayList<>();
    private boolean leading;

    GroupCommit(Transactions transactions, int maxBatch) {
        this.transactions = transactions;
        this.maxBatch = maxBatch;
    }

    /** Runs {@code work} in a transaction, possibly shared with concurrent callers; returns its result. */
    <T> T run(Supplier<T> work) {
        Unit<T> unit = new Unit<>(work);
        List<Unit<?>> batch;
        boolean interrupted = false;
        synchronized (lock) {
            waiting.add(unit);
            while (leading && !unit.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a follower cannot leave: its unit may already be in a batch
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (unit.done) {
                return unit.result();
            }
            leading = true;
            if (waiting.size() <= maxBatch) {
                batch = waiting;
                waiting = new ArrayList<>();
            } else {
                batch = new ArrayList<>(waiting.subList(0, maxBatch));
                waiting = new ArrayList<>(waiting.subList(maxBatch, waiting.size()));
            }
            if (!batch.contains(unit)) { // cannot happen: the oldest units go first and ours was waiting
                batch.add(unit);
                waiting.remove(unit);
            }
        }
        try {
            commit(batch);
        } finally {
            synchronized (lock) {
                leading = false;
                lock.notifyAll();
            }
        }
        return unit.result();
    }

    private void commit(List<Unit<?>> batch) {
        if (batch.size() > 1) {
            try {
                transactions.run(() -> batch.forEach(Unit::runInside));
                batch.forEach(Unit::publishInside);
                return;
            } catch (RuntimeException | Error shared) {
                // fall through: each unit alone, so only the unit at fault fails
            }
        }
        for (Unit<?> unit : batch) {
            unit.runAlone(transactions);
        }
    }

    private final class Unit<T> {
        private final Supplier<T> work;
        private T inside;
        private T value;
        private RuntimeException failure;
        private Error error;
        private boolean done; // guarded by lock

        Unit(Supplier<T> work) {
            this.work = work;
        }

        void runInside() {
            inside = work.get();
        }

        void publishInside() {
            finish(inside, null, null);
        }

        void runAlone(Transactions tx) {
            try {
                finish(tx.inTransaction(work), null, null);
            } catch (RuntimeException e) {
                finish(null, e, null);
            } catch (Error e) {
                finish(null, null, e);
            }
        }

        private void finish(T v, RuntimeException f, Error e) {
            synchronized (lock) {
                value = v;
                failure = f;
                error = e;
                done = true;
            }
        }

        T result() {
            synchronized (lock) {
                if (error != null) {
                    throw error;
                }
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        }
    }
}
