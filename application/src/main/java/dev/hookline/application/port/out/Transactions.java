package dev.hookline.application.port.out;

import java.util.function.Supplier;

/** Draws a transaction boundary: the work runs in one database transaction, committed or rolled back whole. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * {@link #inTransaction}, and when it returns the commit is on stable storage: it survives a
     * crash of the machine or a power cut, not only of the process. For what the API has promised
     * to keep (an accepted event); everything else may use the cheaper {@link #inTransaction}.
     *
     * @throws NotDurableException when the work was committed but the store could not confirm it
     *         reached stable storage: the work must not be repeated (it is in the database)
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

    /** The work was committed, but the store failed to put it on stable storage. */
    final class NotDurableException extends RuntimeException {
        public NotDurableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
