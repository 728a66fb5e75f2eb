package dev.hookline.application.port.in;

/** The periodic work Quartz drives, one method per job, each in small batches. */
public interface HousekeepingUseCase {

    /** Wakes dispatchers when retries have come due or leases have expired; returns whether any is due. */
    boolean sweepDueDeliveries();

    /**
     * Brings the deliveries of endpoints switched on or off in line with them, in small
     * transactions: holds the waiting ones of disabled endpoints, deletes those of deleted endpoints
     * (then the endpoint), and clears the mark of enabled endpoints once the dispatchers have claimed
     * all of their held ones; returns how many it changed.
     */
    int holdOrReleaseDeliveries();

    /** Disables endpoints that failed continuously for longer than {@code disable-after}; returns how many. */
    int autoDisableEndpoints();

    /** Expires deliveries held for longer than the retention period; returns how many. */
    int expireHeldDeliveries();

    /** Deletes events, deliveries and attempts older than the retention period; returns how many rows. */
    int purgeExpiredData();
}
