package dev.hookline.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hookline.application.port.in.OperatorConsoleUseCase.BulkRetry;
import dev.hookline.application.port.in.OperatorConsoleUseCase.FailedFilter;
import dev.hookline.application.port.in.Problem;
import dev.hookline.application.port.in.Result;
import dev.hookline.application.port.in.RetryDeliveryUseCase;
import dev.hookline.domain.delivery.AttemptTrigger;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.delivery.DeliveryStatus;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.id.EventId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConsoleServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final AccountId acme = AccountId.generate();
    private final AccountId globex = AccountId.generate();
    private final EndpointId acmeHook = EndpointId.generate();
    private final EndpointId globexHook = EndpointId.generate();
    private final List<Delivery> all = Collections.synchronizedList(new ArrayList<>());
    private final FakeDeliveryReports reports = new FakeDeliveryReports(all);
    private final Set<EndpointId> disabled = new HashSet<>();
    private final List<String> retried = new ArrayList<>();

    /** Retries as DeliveryService does: FAILED/EXPIRED of an enabled endpoint become PENDING. */
    private final RetryDeliveryUseCase retries = new RetryDeliveryUseCase() {
        @Override
        public Result<Delivery> retry(AccountId account, String deliveryId) {
            synchronized (all) {
                for (int i = 0; i < all.size(); i++) {
                    Delivery d = all.get(i);
                    if (d.id().value().equals(deliveryId) && d.accountId().equals(account)) {
                        if (disabled.contains(d.endpointId())) {
                            return Result.rejected(Problem.conflict("the webhook is disabled"));
                        }
                        Delivery r = d.retryManually(NOW);
                        all.set(i, r);
                        retried.add(deliveryId);
                        return Result.ok(r);
                    }
                }
            }
            return Result.rejected(Problem.notFound("delivery " + deliveryId));
        }

        @Override
        public Result<Integer> recover(AccountId account, String endpointId, Instant since) {
            throw new UnsupportedOperationException();
        }
    };

    private final OperatorConsoleService console = new OperatorConsoleService(reports, retries, Runnable::run,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Delivery failed(AccountId account, EndpointId endpoint, String type, Instant created) {
        Delivery d = new Delivery(DeliveryId.generate(), account, EventId.generate(), endpoint, new EventTypeName(type),
                DeliveryStatus.FAILED, 6, 6, null, null, 500, AttemptTrigger.SCHEDULED, created, created);
        all.add(d);
        return d;
    }

    @Test
    void retryAllMatchingRetriesEveryMatchingFailureInBatchesAndReportsProgress() {
        for (int i = 0; i < 230; i++) {
            failed(globex, globexHook, "invoice.created", NOW.minusSeconds(600));
        }
        Delivery acmeFailure = failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(60));

        BulkRetry run = console.retryAllMatching(new FailedFilter(globex.value(), null, null, null, null))
                .orElseThrow();

        BulkRetry done = console.bulkRetry(run.id()).orElseThrow();
        assertTrue(done.finished());
        assertEquals(230, done.matched());
        assertEquals(230, done.retried());
        assertEquals(0, done.skipped());
        assertEquals(100, done.percent());
        assertEquals(3, reports.failedAfterCalls, "batches of " + OperatorConsoleService.BATCH);
        assertEquals(230, new HashSet<>(retried).size(), "each once");
        assertFalse(retried.contains(acmeFailure.id().value()), "another account's failure is left alone");
        assertEquals(List.of(done), console.recentBulkRetries());
    }

    @Test
    void aRunTakesOnlyWhatExistedWhenItStartedAndFiltersByTypeAndTime() {
        failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(7200));
        Delivery recent = failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(60));
        failed(acme, acmeHook, "invoice.paid", NOW.minusSeconds(60));
        failed(acme, acmeHook, "payment.failed", NOW.plusSeconds(5)); // created after the run started

        BulkRetry run = console.retryAllMatching(new FailedFilter(null, acmeHook.value(), "payment.failed",
                NOW.minusSeconds(3600), null)).orElseThrow();

        assertEquals(1, console.bulkRetry(run.id()).orElseThrow().retried());
        assertEquals(List.of(recent.id().value()), retried);
    }

    @Test
    void deliveriesThatCannotBeRetriedAreCountedAsSkippedWithTheReason() {
        failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(60));
        failed(globex, globexHook, "invoice.created", NOW.minusSeconds(60));
        disabled.add(globexHook);

        BulkRetry run = console.retryAllMatching(FailedFilter.any()).orElseThrow();

        BulkRetry done = console.bulkRetry(run.id()).orElseThrow();
        assertEquals(2, done.matched());
        assertEquals(1, done.retried());
        assertEquals(1, done.skipped());
        assertEquals(Optional.of("the webhook is disabled"), done.lastProblem());
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        assertEquals("account", problem(console.failed(new FailedFilter("acme", null, null, null, null), null, 10)));
        assertEquals("endpoint", problem(console.failed(new FailedFilter(null, "hook", null, null, null), null, 10)));
        assertEquals("event_type", problem(console.failed(new FailedFilter(null, null, "Payment!", null, null), null,
                10)));
        assertEquals("to", problem(console.retryAllMatching(new FailedFilter(null, null, null, NOW, NOW))));
        assertEquals("cursor", problem(console.failed(FailedFilter.any(), "dlv_nope", 10)));
        assertEquals("limit", problem(console.failed(FailedFilter.any(), null, 0)));
    }

    @Test
    void retryingOneFindsTheDeliveryInWhicheverAccountItIs() {
        Delivery d = failed(globex, globexHook, "invoice.created", NOW.minusSeconds(60));
        assertEquals(DeliveryStatus.PENDING, console.retry(d.id().value()).orElseThrow().status());
        assertEquals(Problem.Kind.NOT_FOUND, ((Result.Rejected<Delivery>) console.retry(DeliveryId.generate().value()))
                .problem().kind());
        assertEquals(Problem.Kind.NOT_FOUND, ((Result.Rejected<Delivery>) console.retry("<script>")).problem().kind());
    }

    @Test
    void failedListsNewestFirstInPages() {
        Delivery older = failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(60));
        Delivery newer = failed(acme, acmeHook, "payment.failed", NOW.minusSeconds(30));
        var first = console.failed(FailedFilter.any(), null, 1).orElseThrow();
        assertEquals(newer.id(), first.items().get(0).delivery().id());
        var second = console.failed(FailedFilter.any(), first.nextCursor().orElseThrow(), 1).orElseThrow();
        assertEquals(older.id(), second.items().get(0).delivery().id());
        assertTrue(second.nextCursor().isEmpty());
    }

    private static String problem(Result<?> result) {
        return ((Result.Rejected<?>) result).problem().field();
    }
}
