package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.in.DeliveryQueries;
import dev.hookline.application.port.in.EndpointHistoryQueries.DayStats;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.out.EndpointTallies.Hour;
import dev.hookline.domain.delivery.DeliveryTally;
import dev.hookline.domain.endpoint.Endpoint;
import dev.hookline.domain.event.EventFilter;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.signing.SigningSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointHistoryServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-07T15:30:00Z");
    private final AccountId account = AccountId.generate();
    private final Endpoint endpoint = Endpoint.create(account, "https://example.com/hooks", "", new EventFilter.AllEvents(),
            SigningSecret.generate(new SecureRandom()), NOW);
    private final FakeEndpointTallies tallies = new FakeEndpointTallies();
    private final EndpointHistoryService history = new EndpointHistoryService(
            new FakeEndpoints(new ArrayList<>(List.of(endpoint))), new FakeDeliveryReports(new ArrayList<>()), tallies,
            (DeliveryQueries) null, Clock.fixed(NOW, ZoneOffset.UTC));

    private void tally(String hour, DeliveryTally tally) {
        tallies.add(java.util.Map.of(new Hour(endpoint.id(), DeliveryTally.epochHour(Instant.parse(hour))), tally));
    }

    @Test
    void oneEntryPerUtcDayOldestFirstWithRateAndMeanAndEmptyDaysKept() {
        // today in two hours (its first and its current one), two days ago in one; a week ago is out of range
        tally("2026-03-07T00:00:00Z", new DeliveryTally(1, 1, 40, 1, 0));
        tally("2026-03-07T15:00:00Z", new DeliveryTally(3, 2, 360, 1, 1));
        tally("2026-03-05T23:59:59Z", new DeliveryTally(2, 0, 10_000, 0, 1));
        tally("2026-02-28T23:59:59Z", new DeliveryTally(9, 9, 9, 9, 0));

        List<DayStats> days = history.lastDays(account, endpoint.id().value(), 7).orElseThrow();

        assertEquals(7, days.size());
        assertEquals(LocalDate.of(2026, 3, 1), days.get(0).day());
        assertEquals(LocalDate.of(2026, 3, 7), days.get(6).day());
        assertEquals(Optional.of(75.0), days.get(6).successRate());
        assertEquals(Optional.of(100.0), days.get(6).averageMillis());
        assertEquals(Optional.of(0.0), days.get(4).successRate());
        assertEquals(Optional.of(5000.0), days.get(4).averageMillis());
        assertTrue(days.get(5).successRate().isEmpty(), "no attempts: no rate, not 0%");
        assertEquals(0, days.get(0).attempts(), "the day before the first is not counted in it");
        assertEquals(4, days.get(6).attempts());
    }

    @Test
    void anotherAccountsEndpointIsNotFoundAndTheRangeIsChecked() {
        assertEquals(Problem.Kind.NOT_FOUND, kind(history.lastDays(AccountId.generate(), endpoint.id().value(), 7)));
        assertEquals(Problem.Kind.NOT_FOUND, kind(history.lastDays(account, "wh_<script>", 7)));
        assertEquals(Problem.Kind.INVALID, kind(history.lastDays(account, endpoint.id().value(), 0)));
        assertEquals(Problem.Kind.INVALID, kind(history.lastDays(account, endpoint.id().value(), 91)));
    }

    private static Problem.Kind kind(Result<?> result) {
        return ((Result.Rejected<?>) result).problem().kind();
    }
}
