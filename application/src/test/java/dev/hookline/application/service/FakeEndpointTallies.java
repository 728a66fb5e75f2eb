package dev.hookline.application.service;

import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.id.EndpointId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Tallies in a map, following the port's semantics. */
final class FakeEndpointTallies implements EndpointTallies {

    final Map<Hour, DeliveryTally> hours = new HashMap<>();

    @Override
    public void add(Map<Hour, DeliveryTally> tallies) {
        tallies.forEach((hour, tally) -> hours.merge(hour, tally, DeliveryTally::plus));
    }

    @Override
    public void withdrawFailures(Map<Hour, Long> failures) {
        failures.forEach((hour, n) -> hours.computeIfPresent(hour, (h, tally) -> tally.withoutFailures(n)));
    }

    @Override
    public Map<EndpointId, DeliveryTally> sumFrom(Collection<EndpointId> endpoints, long fromEpochHour) {
        Map<EndpointId, DeliveryTally> sums = new HashMap<>();
        hours.forEach((hour, tally) -> {
            if (endpoints.contains(hour.endpoint()) && hour.epochHour() >= fromEpochHour) {
                sums.merge(hour.endpoint(), tally, DeliveryTally::plus);
            }
        });
        return sums;
    }

    @Override
    public Map<Long, DeliveryTally> hoursFrom(EndpointId endpoint, long fromEpochHour) {
        Map<Long, DeliveryTally> found = new TreeMap<>();
        hours.forEach((hour, tally) -> {
            if (hour.endpoint().equals(endpoint) && hour.epochHour() >= fromEpochHour) {
                found.put(hour.epochHour(), tally);
            }
        });
        return found;
    }

    @Override
    public int purgeBefore(long beforeEpochHour) {
        int before = hours.size();
        hours.keySet().removeIf(hour -> hour.epochHour() < beforeEpochHour);
        return before - hours.size();
    }
}
