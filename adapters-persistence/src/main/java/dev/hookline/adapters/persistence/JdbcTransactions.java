package dev.hookline.adapters.persistence;

import dev.hookline.application.port.out.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;

/** {@link Transactions} on Micronaut's JDBC transaction manager; a nested call joins the outer transaction. */
@Singleton
public class JdbcTransactions implements Transactions {

    private final TransactionOperations<Connection> operations;
    private final Jdbc jdbc;

    public JdbcTransactions(TransactionOperations<Connection> operations, Jdbc jdbc) {
        this.operations = operations;
        this.jdbc = jdbc;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return operations.executeWrite(status -> work.get());
    }

    /**
     * PostgreSQL's commit already waits for its log to reach the disk ({@code synchronous_commit}).
     * H2 with {@code WRITE_DELAY=0} writes every commit to its file but does not {@code fsync} it
     * (a crash of the machine could lose it), so this asks H2 to sync the file after the commit:
     * {@code CHECKPOINT SYNC} forces the file's writes, this commit's among them, to the device.
     * Concurrent publishes share one such commit ({@code GroupCommit}), so they share the sync too.
     */
    @Override
    public <T> T inDurableTransaction(Supplier<T> work) {
        T result = inTransaction(work);
        if (jdbc.database() == Jdbc.Database.H2 && operations.findTransactionStatus().isEmpty()) { // not inside an outer transaction
            try {
                jdbc.withConnection(c -> {
                    try (Statement sync = c.createStatement()) {
                        return sync.execute("CHECKPOINT SYNC");
                    }
                });
            } catch (RuntimeException e) {
                throw new NotDurableException("committed, but H2 could not sync its file to the disk", e);
            }
        }
        return result;
    }
}
