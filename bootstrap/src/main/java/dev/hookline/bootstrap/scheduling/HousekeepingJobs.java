package dev.hookline.bootstrap.scheduling;

import dev.hookline.application.port.in.HousekeepingUseCase;
import jakarta.inject.Singleton;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz jobs: each calls exactly one housekeeping use case. */
public final class HousekeepingJobs {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingJobs.class);

    private HousekeepingJobs() {
    }

    /** Retries whose time has come and expired leases: wakes the dispatcher. */
    @Singleton
    @DisallowConcurrentExecution
    public static class SweepDueDeliveries implements Job {
        private final HousekeepingUseCase housekeeping;

        public SweepDueDeliveries(HousekeepingUseCase housekeeping) {
            this.housekeeping = housekeeping;
        }

        @Override
        public void execute(JobExecutionContext context) {
            housekeeping.sweepDueDeliveries();
        }
    }

    /**
     * Releases the held deliveries of endpoints enabled again, holds the waiting ones of endpoints
     * disabled, deletes those of deleted endpoints, a chunk per transaction; wakes the dispatcher. (The class keeps its name from before
     * it held too: on PostgreSQL, Quartz stores jobs by class name.)
     */
    @Singleton
    @DisallowConcurrentExecution
    public static class ReleaseHeldDeliveries implements Job {
        private final HousekeepingUseCase housekeeping;

        public ReleaseHeldDeliveries(HousekeepingUseCase housekeeping) {
            this.housekeeping = housekeeping;
        }

        @Override
        public void execute(JobExecutionContext context) {
            housekeeping.holdOrReleaseDeliveries();
        }
    }

    @Singleton
    @DisallowConcurrentExecution
    public static class AutoDisableEndpoints implements Job {
        private final HousekeepingUseCase housekeeping;

        public AutoDisableEndpoints(HousekeepingUseCase housekeeping) {
            this.housekeeping = housekeeping;
        }

        @Override
        public void execute(JobExecutionContext context) {
            int n = housekeeping.autoDisableEndpoints();
            if (n > 0) {
                LOG.info("Disabled {} endpoint(s) that failed continuously", n);
            }
        }
    }

    @Singleton
    @DisallowConcurrentExecution
    public static class ExpireHeldDeliveries implements Job {
        private final HousekeepingUseCase housekeeping;

        public ExpireHeldDeliveries(HousekeepingUseCase housekeeping) {
            this.housekeeping = housekeeping;
        }

        @Override
        public void execute(JobExecutionContext context) {
            housekeeping.expireHeldDeliveries();
        }
    }

    @Singleton
    @DisallowConcurrentExecution
    public static class PurgeExpiredData implements Job {
        private final HousekeepingUseCase housekeeping;

        public PurgeExpiredData(HousekeepingUseCase housekeeping) {
            this.housekeeping = housekeeping;
        }

        @Override
        public void execute(JobExecutionContext context) {
            housekeeping.purgeExpiredData();
        }
    }
}
