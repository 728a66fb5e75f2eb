package dev.hookline.application.port.out;

import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.id.EndpointId;
import java.util.Collection;
import java.util.Map;

/**
 * Counts of attempts and finished deliveries per endpoint and UTC hour ({@link DeliveryTally}):
 * what success rates and charts are computed from. Hours are {@link DeliveryTally#epochHour}s.
 */
public interface EndpointTallies {

    /** One endpoint's hour. */
    record Hour(EndpointId endpoint, long epochHour) {
    }

    /** Adds to the counts of each endpoint's hour, in the caller's transaction; the endpoints must exist. */
    void add(Map<Hour, DeliveryTally> tallies);

    /**
     * Takes failed deliveries out of the hours that counted them, because they are being retried (a
     * delivery is counted once, by its latest outcome); a count never goes below zero.
     */
    void withdrawFailures(Map<Hour, Long> failures);

    /** Each endpoint's counts summed over the hours from {@code fromEpochHour} on; endpoints without any are left out. */
    Map<EndpointId, DeliveryTally> sumFrom(Collection<EndpointId> endpoints, long fromEpochHour);

    /** The endpoint's hours from {@code fromEpochHour} on that have counts, by epoch hour. */
    Map<Long, DeliveryTally> hoursFrom(EndpointId endpoint, long fromEpochHour);

    /** Deletes the counts of hours before {@code beforeEpochHour}; how many hours it deleted. */
    int purgeBefore(long beforeEpochHour);
}
