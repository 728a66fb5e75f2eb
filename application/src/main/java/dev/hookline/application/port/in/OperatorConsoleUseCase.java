package dev.hookline.application.port.in;

import dev.hookline.application.port.out.DeliveryReports.FailedDelivery;
import dev.hookline.application.port.out.DeliveryReports.QueueDepth;
import dev.hookline.application.port.out.DeliveryReports.Throughput;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What operators do on {@code /admin}: find failed deliveries across every account, retry one or
 * all that match (in batches, in the background, with progress), and watch the queue.
 */
public interface OperatorConsoleUseCase {

    /**
     * Which failed (or expired) deliveries; {@code null} or blank fields mean any.
     *
     * @param from created at or after; {@code to}: created before
     */
    record FailedFilter(String accountId, String endpointId, String eventType, Instant from, Instant to) {
        public static FailedFilter any() {
            return new FailedFilter(null, null, null, null, null);
        }
    }

    /** Newest first; {@code cursor} is the last id of the previous page. */
    Result<Page<FailedDelivery>> failed(FailedFilter filter, String cursor, int limit);

    /** Retries one failed, expired or retrying delivery of any account now (logged as MANUAL). */
    Result<Delivery> retry(String deliveryId);

    /**
     * Progress of a "retry all matching" run.
     *
     * @param matched  failed deliveries matching when the run started
     * @param retried  made due again so far
     * @param skipped  could not be retried (endpoint disabled, or the delivery changed meanwhile)
     */
    record BulkRetry(String id, FailedFilter filter, Instant startedAt, long matched, long retried, long skipped,
                     boolean finished, Optional<String> lastProblem) {

        public long processed() {
            return retried + skipped;
        }

        /** 0–100. */
        public int percent() {
            if (finished || matched == 0) {
                return 100;
            }
            return (int) Math.min(99, 100 * processed() / matched);
        }
    }

    /** Starts retrying every delivery matching {@code filter} (created up to now), in batches. */
    Result<BulkRetry> retryAllMatching(FailedFilter filter);

    Optional<BulkRetry> bulkRetry(String id);

    /** The latest runs, newest first. */
    List<BulkRetry> recentBulkRetries();

    /** @param lastMinute deliveries finished and attempts made in the minute before {@code at} (every node) */
    record QueueHealth(QueueDepth depth, Throughput lastMinute, Instant at) {
    }

    QueueHealth queueHealth();
}
