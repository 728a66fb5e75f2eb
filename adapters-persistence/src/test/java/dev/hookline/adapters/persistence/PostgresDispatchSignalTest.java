package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.adapters.persistence.signal.PostgresDispatchSignal;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** NOTIFY/LISTEN between two nodes on one PostgreSQL (the postgresql-tests run only: H2 has no LISTEN). */
@EnabledIfSystemProperty(named = "hookline.test.database", matches = "postgresql")
class PostgresDispatchSignalTest extends DatabaseTest {

    @Test
    void aSignalOnOneNodeWakesItsOwnDispatcherOnceAndTheOtherNodesToo() throws Exception {
        AtomicInteger wokenA = new AtomicInteger();
        AtomicInteger wokenB = new AtomicInteger();
        DataSource ds = context.getBean(DataSource.class);
        try (PostgresDispatchSignal a = PostgresDispatchSignal.start(ds, wokenA::incrementAndGet, "node-a");
             PostgresDispatchSignal b = PostgresDispatchSignal.start(ds, wokenB::incrementAndGet, "node-b")) {
            await("both listening", () -> a.listening() && b.listening());
            a.deliveriesDue();
            assertEquals(1, wokenA.get(), "the own dispatcher is woken at once, without a round trip");
            await("node b woken by the notification", () -> wokenB.get() == 1);
            Thread.sleep(700);
            assertEquals(1, wokenA.get(), "a node does not act on its own notification");
            assertEquals(1, wokenB.get());
            b.deliveriesDue();
            await("node a woken by b", () -> wokenA.get() == 2);
        }
        await("closed signals hold no connection", () -> listenerBackends() == 0);
    }

    @Test
    void theListenerReconnectsWhenItsConnectionIsKilledAndHearsNotificationsAgain() throws Exception {
        AtomicInteger wokenB = new AtomicInteger();
        DataSource ds = context.getBean(DataSource.class);
        try (PostgresDispatchSignal a = PostgresDispatchSignal.start(ds, () -> { }, "node-a");
             PostgresDispatchSignal b = PostgresDispatchSignal.start(ds, wokenB::incrementAndGet, "node-b")) {
            await("both listening", () -> a.listening() && b.listening());
            long killed = count("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = '" + PostgresDispatchSignal.LISTENER_NAME + "'"
                    + " AND datname = current_database()");
            assertEquals(2, killed, "both listener connections terminated");
            await("node b noticed and woke its dispatcher after reconnecting", () -> wokenB.get() >= 1);
            await("both listening again", () -> a.listening() && b.listening());
            assertEquals(2, listenerBackends(), "one new listener connection each");
            int before = wokenB.get();
            a.deliveriesDue();
            await("node b hears node a again", () -> wokenB.get() > before);
        }
    }

    private long listenerBackends() {
        return jdbc.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
                    + " WHERE application_name = '" + PostgresDispatchSignal.LISTENER_NAME + "'"
                    + " AND datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(10);
        }
    }
}
