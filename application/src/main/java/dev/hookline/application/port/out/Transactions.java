package dev.hookline.application.port.out;

import java.util.function.Supplier;

/** Draws a transaction boundary: the work runs in one database transaction, committed or rolled back whole. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
