package dev.hookline.adapters.persistence.signal;

import com.zaxxer.hikari.HikariDataSource;
import dev.hookline.application.port.out.DispatchSignal;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DispatchSignal} for several nodes on one PostgreSQL: wakes this node's dispatcher at once
 * and sends {@code NOTIFY hookline_deliveries_due} so every other node's dispatcher wakes too.
 *
 * <p>Two threads. The notifier sends the NOTIFY on a pooled connection in autocommit, after the
 * caller's transaction committed (callers signal after commit); signals that arrive while a NOTIFY
 * is under way (or within 5 ms after it) are folded into one more NOTIFY, so a burst of publishes
 * costs a few round trips, not one each. The listener holds a connection of its own (not from the
 * pool) that {@code LISTEN}s; when that connection breaks (PostgreSQL restarted, network gone) it reconnects with a growing
 * pause and, once back, wakes the dispatcher, since notifications sent meanwhile are lost.
 * Dispatchers also poll, so a lost notification delays a delivery by at most the poll interval.
 */
public final class PostgresDispatchSignal implements DispatchSignal, AutoCloseable {

    /** The channel every node listens on. */
    public static final String CHANNEL = "hookline_deliveries_due";

    /** The listener connection's {@code application_name} in {@code pg_stat_activity}. */
    public static final String LISTENER_NAME = "hookline-listen";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDispatchSignal.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final int POLL_MILLIS = 500;
    /**
     * At most one NOTIFY per this many ms: every node, this one too, gets each notification, and
     * at fan-out 1 a NOTIFY after every group commit (~670 a second) took 5 % of Hookline's CPU
     * here; the other nodes learn of new deliveries at most this much later.
     */
    private static final long NOTIFY_SPACING_MILLIS = 5;
    private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    /** Opens a new connection outside the pool (the listener keeps it for as long as it works). */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final DataSource pool;
    private final ConnectionFactory listenConnections;
    private final Runnable wakeLocal;
    private final String node;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean pending;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection listenConnection;
    private final Thread notifier;
    private final Thread listener;

    /**
     * @param pool              pooled connections for NOTIFY (the raw pool, not a transaction-aware proxy)
     * @param listenConnections opens the listener's own connection
     * @param wakeLocal         wakes this node's dispatcher
     * @param node              this node's name: its own notifications are not acted on twice
     */
    public PostgresDispatchSignal(DataSource pool, ConnectionFactory listenConnections, Runnable wakeLocal,
                                  String node) {
        this.pool = pool;
        this.listenConnections = listenConnections;
        this.wakeLocal = wakeLocal;
        this.node = node;
        this.notifier = new Thread(this::notifyLoop, "hookline-notify");
        this.listener = new Thread(this::listenLoop, "hookline-listen");
        notifier.setDaemon(true);
        listener.setDaemon(true);
        notifier.start();
        listener.start();
    }

    @Override
    public void deliveriesDue() {
        wakeLocal.run();
        notifyOthers();
    }

    /** Wakes the other nodes' dispatchers only (the caller woke this node's itself). */
    public void notifyOthers() {
        lock.lock();
        try {
            pending = true;
            signalled.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the signal on Hookline's data source: NOTIFY through its pool, LISTEN on a connection of
     * its own opened with the pool's URL and credentials.
     */
    public static PostgresDispatchSignal start(DataSource dataSource, Runnable wakeLocal, String node) {
        DataSource raw = DelegatingDataSource.unwrapDataSource(dataSource);
        HikariDataSource hikari;
        try {
            hikari = raw.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the PostgreSQL dispatch signal needs Hikari's pool, found " + raw, e);
        }
        String url = hikari.getJdbcUrl();
        Properties credentials = new Properties();
        if (hikari.getUsername() != null) {
            credentials.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            credentials.setProperty("password", hikari.getPassword());
        }
        // a LISTEN connection must notice a dead server instead of waiting on a silent socket
        credentials.setProperty("connectTimeout", "5");
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("ApplicationName", LISTENER_NAME);
        Driver driver = new Driver();
        return new PostgresDispatchSignal(raw, () -> driver.connect(url, credentials), wakeLocal, node);
    }

    /** Whether the listener's connection is up and listening (for tests and health). */
    public boolean listening() {
        return listening;
    }

    private void notifyLoop() {
        Duration pause = FIRST_PAUSE;
        boolean failing = false;
        while (running) {
            lock.lock();
            try {
                while (!pending && running) {
                    signalled.await();
                }
                pending = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (!running) {
                return;
            }
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, node);
                ps.execute();
                if (failing) {
                    LOG.info("NOTIFY works again");
                    failing = false;
                    pause = FIRST_PAUSE;
                }
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    LOG.warn("NOTIFY {} failed, other nodes find the deliveries by polling until it works again: {}",
                            CHANNEL, e.toString());
                    failing = true;
                }
                deliveriesDueAgain();
                pause = sleep(pause);
                continue;
            }
            try {
                // signals meanwhile fold into the next NOTIFY (the connection went back to the pool)
                TimeUnit.MILLISECONDS.sleep(NOTIFY_SPACING_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliveriesDueAgain() {
        lock.lock();
        try {
            pending = true;
        } finally {
            lock.unlock();
        }
    }

    private void listenLoop() {
        Duration pause = FIRST_PAUSE;
        boolean lost = false;
        while (running) {
            try (Connection c = listenConnections.open()) {
                listenConnection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (lost) {
                    LOG.info("LISTEN {} reconnected", CHANNEL);
                    lost = false;
                    // notifications sent while we were away are gone: look for due work now
                    wakeLocal.run();
                }
                pause = FIRST_PAUSE;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warn("LISTEN {} connection lost, reconnecting: {}", CHANNEL, e.toString());
                    lost = true;
                }
            } finally {
                listening = false;
                listenConnection = null;
            }
            if (running) {
                pause = sleep(pause);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            boolean fromOthers = false;
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    fromOthers |= !node.equals(n.getParameter());
                }
            }
            if (fromOthers) {
                wakeLocal.run();
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                // a silent channel and a dead connection look alike: ask the server
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private Duration sleep(Duration pause) {
        try {
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    @Override
    public void close() {
        running = false;
        notifier.interrupt();
        listener.interrupt();
        Connection c = listenConnection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        join(notifier);
        join(listener);
    }

    private static void join(Thread t) {
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
