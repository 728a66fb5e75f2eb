package dev.hookline.application.port.out;

import java.util.function.Supplier;

/** Draws a transaction boundary: the work runs in one database transaction, committed or rolled back whole. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * {@link #inTransaction}, and when it returns the commit is on stable storage: it survives a
     * crash of the machine or a power cut, not only of the process. For what the API has promised
     * to keep (an accepted event); everything else may use the cheaper {@link #inTransaction}.
     */
    default <T> T inDurableTransaction(Supplier<T> work) {
        return inTransaction(work);
    }

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
