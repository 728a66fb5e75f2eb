package dev.hookline.adapters.persistence;

import dev.hookline.application.port.out.Transactions;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/** {@link Transactions} on Micronaut's JDBC transaction manager; a nested call joins the outer transaction. */
@Singleton
public class JdbcTransactions implements Transactions {

    private final TransactionOperations<Connection> operations;

    public JdbcTransactions(TransactionOperations<Connection> operations) {
        this.operations = operations;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return operations.executeWrite(status -> work.get());
    }
}
