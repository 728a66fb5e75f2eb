package dev.hookline.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hookline.application.port.out.EndpointTallies;
import dev.hookline.application.port.out.EndpointTallies.Hour;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.EndpointId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointTalliesTest extends DatabaseTest {

    private static final long H = DeliveryTally.epochHour(T0);

    private EndpointTallies tallies;

    @BeforeAll
    void tallies() {
        tallies = context.getBean(EndpointTallies.class);
    }

    private void add(Object... endpointHourTally) {
        Map<Hour, DeliveryTally> batch = new LinkedHashMap<>();
        for (int i = 0; i < endpointHourTally.length; i += 3) {
            batch.put(new Hour(((Endpoint) endpointHourTally[i]).id(), (Long) endpointHourTally[i + 1]),
                    (DeliveryTally) endpointHourTally[i + 2]);
        }
        tx.run(() -> tallies.add(batch));
    }

    @Test
    void batchesAddUpPerEndpointAndHourAndSumOverTheHoursAskedFor() {
        AccountId account = newAccount();
        Endpoint busy = newEndpoint(account);
        Endpoint quiet = newEndpoint(account);
        Endpoint untouched = newEndpoint(account);
        add(busy, H - 1, new DeliveryTally(1, 1, 10, 1, 0),
                busy, H, new DeliveryTally(2, 1, 30, 1, 0),
                quiet, H, new DeliveryTally(1, 0, 5000, 0, 1));
        add(busy, H, new DeliveryTally(3, 0, 70, 0, 1),       // the same hour again: added to it
                busy, H + 2, new DeliveryTally(1, 1, 1, 1, 0));

        Map<EndpointId, DeliveryTally> sums = tallies.sumFrom(List.of(busy.id(), quiet.id(), untouched.id()), H);
        assertEquals(Map.of(busy.id(), new DeliveryTally(6, 2, 101, 2, 1), quiet.id(), new DeliveryTally(1, 0, 5000, 0, 1)),
                sums, "from hour H on; an endpoint without counts is left out");
        assertEquals(new DeliveryTally(7, 3, 111, 3, 1), tallies.sumFrom(List.of(busy.id()), H - 1).get(busy.id()));
        assertEquals(Map.of(), tallies.sumFrom(List.of(), H));
        assertEquals(Map.of(H, new DeliveryTally(5, 1, 100, 1, 1), H + 2, new DeliveryTally(1, 1, 1, 1, 0)),
                tallies.hoursFrom(busy.id(), H));
        assertEquals(Map.of(), tallies.hoursFrom(untouched.id(), H - 10));
    }

    @Test
    void anEndpointsCountsGoWithIt() {
        AccountId account = newAccount();
        Endpoint kept = newEndpoint(account);
        Endpoint deleted = newEndpoint(account);
        add(kept, H, new DeliveryTally(1, 0, 9, 0, 0), deleted, H, new DeliveryTally(1, 1, 1, 1, 0));
        assertEquals(true, endpoints.delete(account, deleted.id(), T0));
        endpoints.purgeDeleted(deleted.id());
        assertEquals(Map.of(), tallies.hoursFrom(deleted.id(), H));
        assertEquals(Map.of(H, new DeliveryTally(1, 0, 9, 0, 0)), tallies.hoursFrom(kept.id(), H));
    }

    @Test
    void retriedFailuresAreWithdrawnFromTheirHoursNeverBelowZero() {
        AccountId account = newAccount();
        Endpoint a = newEndpoint(account);
        Endpoint b = newEndpoint(account);
        add(a, H - 1, new DeliveryTally(4, 1, 40, 1, 3), a, H, new DeliveryTally(2, 0, 20, 0, 1),
                b, H, new DeliveryTally(1, 0, 10, 0, 1));
        tx.run(() -> tallies.withdrawFailures(Map.of(new Hour(a.id(), H - 1), 2L, new Hour(a.id(), H), 5L,
                new Hour(b.id(), H + 1), 1L)));
        assertEquals(Map.of(H - 1, new DeliveryTally(4, 1, 40, 1, 1), H, new DeliveryTally(2, 0, 20, 0, 0)),
                tallies.hoursFrom(a.id(), H - 10), "two of three withdrawn; five of one leaves zero");
        assertEquals(Map.of(H, new DeliveryTally(1, 0, 10, 0, 1)), tallies.hoursFrom(b.id(), H - 10),
                "an hour without a row (purged) is left alone");
        tx.run(() -> tallies.withdrawFailures(Map.of()));
    }

    @Test
    void purgeDeletesTheHoursBeforeTheCutoff() {
        Endpoint endpoint = newEndpoint(newAccount());
        add(endpoint, H - 2, new DeliveryTally(1, 0, 0, 0, 0), endpoint, H - 1, new DeliveryTally(1, 0, 0, 0, 0),
                endpoint, H, new DeliveryTally(1, 0, 0, 0, 0));
        assertEquals(2, tx.inTransaction(() -> tallies.purgeBefore(H)));
        assertEquals(Map.of(H, new DeliveryTally(1, 0, 0, 0, 0)), tallies.hoursFrom(endpoint.id(), H - 10));
    }
}
