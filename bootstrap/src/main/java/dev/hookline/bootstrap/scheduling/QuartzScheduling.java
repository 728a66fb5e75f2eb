package dev.hookline.bootstrap.scheduling;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Quartz drives the periodic housekeeping (never one trigger per delivery): jobs are beans,
 * created through the bean context, each on a fixed interval.
 */
@Singleton
public class QuartzScheduling {

    private final BeanContext beans;
    private final Duration sweepEvery;
    private final Duration maintenanceEvery;
    private Scheduler scheduler;

    public QuartzScheduling(BeanContext beans,
                            @Value("${hookline.scheduling.sweep-interval:1s}") Duration sweepEvery,
                            @Value("${hookline.scheduling.maintenance-interval:60s}") Duration maintenanceEvery) {
        this.beans = beans;
        this.sweepEvery = sweepEvery;
        this.maintenanceEvery = maintenanceEvery;
    }

    public synchronized void start() throws SchedulerException {
        if (scheduler != null) {
            return;
        }
        Properties props = new Properties();
        // Quartz keeps schedulers in a JVM-wide registry by name: a unique name per application
        // context keeps two contexts in one JVM (tests, several nodes) from sharing one scheduler.
        props.setProperty("org.quartz.scheduler.instanceName", "hookline-" + UUID.randomUUID());
        props.setProperty("org.quartz.threadPool.threadCount", "2");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(props).getScheduler();
        scheduler.setJobFactory(new SimpleJobFactory() {
            @Override
            public Job newJob(TriggerFiredBundle bundle, Scheduler s) {
                return beans.getBean(bundle.getJobDetail().getJobClass());
            }
        });
        every(HousekeepingJobs.SweepDueDeliveries.class, sweepEvery);
        every(HousekeepingJobs.AutoDisableEndpoints.class, maintenanceEvery);
        every(HousekeepingJobs.ExpireHeldDeliveries.class, maintenanceEvery);
        every(HousekeepingJobs.PurgeExpiredData.class, maintenanceEvery);
        scheduler.start();
    }

    private void every(Class<? extends Job> job, Duration interval) throws SchedulerException {
        scheduler.scheduleJob(JobBuilder.newJob(job).withIdentity(job.getSimpleName()).build(),
                TriggerBuilder.newTrigger().withIdentity(job.getSimpleName()).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
    }

    @PreDestroy
    public synchronized void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
            scheduler = null;
        }
    }
}
