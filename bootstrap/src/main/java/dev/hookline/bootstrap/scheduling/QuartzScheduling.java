package dev.hookline.bootstrap.scheduling;

import dev.hookline.adapters.persistence.Jdbc;
import dev.hookline.bootstrap.NodeName;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz drives the periodic housekeeping (never one trigger per delivery): jobs are beans,
 * created through the bean context, each on a fixed interval.
 *
 * <p>On H2 (one node) the schedule lives in memory. On PostgreSQL it lives in the {@code qrtz_*}
 * tables with Quartz's clustered JDBC store, so however many nodes share the database each job
 * fires on exactly one of them, and a node that dies has its jobs taken over by the others after
 * {@code hookline.scheduling.cluster-checkin-interval}.
 */
@Singleton
public class QuartzScheduling implements ApplicationEventListener<ShutdownEvent> {

    static final String SCHEDULER = "hookline";

    private final BeanContext beans;
    private final Jdbc jdbc;
    private final DataSource dataSource;
    private final NodeName node;
    private final Duration sweepEvery;
    private final Duration maintenanceEvery;
    private final Duration checkinEvery;
    private final Map<String, List<Instant>> firings = new ConcurrentHashMap<>();
    private Scheduler scheduler;
    private String connectionProvider;

    public QuartzScheduling(BeanContext beans, Jdbc jdbc, DataSource dataSource, NodeName node,
                            @Value("${hookline.scheduling.sweep-interval:1s}") Duration sweepEvery,
                            @Value("${hookline.scheduling.maintenance-interval:60s}") Duration maintenanceEvery,
                            @Value("${hookline.scheduling.cluster-checkin-interval:7500ms}") Duration checkinEvery) {
        this.beans = beans;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.node = node;
        this.sweepEvery = sweepEvery;
        this.maintenanceEvery = maintenanceEvery;
        this.checkinEvery = checkinEvery;
    }

    /** Whether the schedule is shared with other nodes through the database. */
    public boolean clustered() {
        return jdbc.database() == Jdbc.Database.POSTGRESQL;
    }

    public synchronized void start() throws SchedulerException {
        if (scheduler != null) {
            return;
        }
        Properties props = new Properties();
        // one name for every node: Quartz's cluster is the set of schedulers of that name in the qrtz_* tables
        // (Quartz's JVM-wide registry, which would hand a second context in one JVM this scheduler, is
        // dealt with below)
        props.setProperty("org.quartz.scheduler.instanceName", SCHEDULER);
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        if (clustered()) {
            // Quartz finds connections by a JVM-wide name: one per node, so two nodes in one JVM keep theirs
            connectionProvider = "hookline-" + node.value();
            DataSource pool = DelegatingDataSource.unwrapDataSource(dataSource);
            DBConnectionManager.getInstance().addConnectionProvider(connectionProvider, new PoolConnections(pool));
            props.setProperty("org.quartz.scheduler.instanceId", node.value());
            props.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            props.setProperty("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            props.setProperty("org.quartz.jobStore.dataSource", connectionProvider);
            props.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            props.setProperty("org.quartz.jobStore.isClustered", "true");
            props.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinEvery.toMillis()));
            props.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            // after a database outage: retry every 2 s instead of Quartz's 15 s
            props.setProperty("org.quartz.scheduler.dbFailureRetryInterval", "2000");
        } else {
            props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        scheduler = new StdSchedulerFactory(props).getScheduler();
        // Quartz keeps one scheduler per name and JVM; forget this one, so another node started in
        // the same JVM (tests) builds its own under the same cluster name instead of sharing it
        SchedulerRepository.getInstance().remove(SCHEDULER);
        scheduler.setJobFactory(new SimpleJobFactory() {
            @Override
            public Job newJob(TriggerFiredBundle bundle, Scheduler s) {
                return beans.getBean(bundle.getJobDetail().getJobClass());
            }
        });
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "hookline-executions";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
                firings.computeIfAbsent(context.getJobDetail().getKey().getName(),
                        k -> new CopyOnWriteArrayList<>()).add(context.getScheduledFireTime().toInstant());
            }
        });
        every(HousekeepingJobs.SweepDueDeliveries.class, sweepEvery);
        every(HousekeepingJobs.ReleaseHeldDeliveries.class, sweepEvery);
        every(HousekeepingJobs.AutoDisableEndpoints.class, maintenanceEvery);
        every(HousekeepingJobs.ExpireHeldDeliveries.class, maintenanceEvery);
        every(HousekeepingJobs.PurgeExpiredData.class, maintenanceEvery);
        scheduler.start();
    }

    /** When {@code job} was scheduled to fire, for each time it ran on this node since start. */
    public List<Instant> firings(Class<? extends Job> job) {
        return List.copyOf(firings.getOrDefault(job.getSimpleName(), List.of()));
    }

    private void every(Class<? extends Job> job, Duration interval) throws SchedulerException {
        // replace: on a cluster the job is already stored by the first node, or by this node's last run
        scheduler.scheduleJob(JobBuilder.newJob(job).withIdentity(job.getSimpleName()).build(),
                Set.of(TriggerBuilder.newTrigger().withIdentity(job.getSimpleName()).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build()), true);
    }

    /**
     * Stops the jobs when the context begins to shut down, before its beans are destroyed: a job
     * firing later would create them anew (a second dispatch signal, listener threads) in a
     * context that is going away.
     */
    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        try {
            stop();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot stop the Quartz scheduler", e);
        }
    }

    @PreDestroy
    public synchronized void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
            scheduler = null;
        }
    }

    /** Quartz's view of Hikari's pool (not Micronaut's transaction-aware proxy: Quartz commits itself). */
    private record PoolConnections(DataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to Micronaut
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
