package dev.hookline.application.port.out;

import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.EventTypeName;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.id.DeliveryId;
import dev.hookline.domain.id.EndpointId;
import dev.hookline.domain.delivery.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-mostly views over deliveries and attempts for the pages: the operator console, queue depth. */
public interface DeliveryReports {

    /**
     * Which FAILED or EXPIRED deliveries, any account; {@code null} fields mean any.
     *
     * @param from created at or after; {@code to}: created before
     */
    record FailedQuery(AccountId account, EndpointId endpoint, EventTypeName eventType, Instant from, Instant to) {
    }

    /** A failed delivery with what the operator needs to recognise it. */
    record FailedDelivery(Delivery delivery, String accountName, String endpointUrl) {
    }

    /** Newest first. */
    Page<FailedDelivery> failed(FailedQuery query, PageRequest page);

    long countFailed(FailedQuery query);

    /** Oldest first, strictly after {@code after} (an id; {@code null} from the start), at most {@code limit}. */
    List<Delivery> failedAfter(FailedQuery query, DeliveryId after, int limit);

    /** A delivery of any account: for operators. */
    Optional<Delivery> findAnyAccount(DeliveryId id);

    /**
     * Deliveries waiting, by kind.
     *
     * @param due       PENDING or RETRYING whose time has come
     * @param scheduled RETRYING (or PENDING) due later
     * @param retrying  RETRYING, due or not
     * @param held      HELD for disabled endpoints
     * @param sending   claimed by a dispatcher right now
     */
    record QueueDepth(long due, long scheduled, long retrying, long held, long sending) {
    }

    QueueDepth queueDepth(Instant now);

    /**
     * What was sent since some time, every node.
     *
     * @param finished  deliveries an attempt in that time left SUCCEEDED or FAILED (however many
     *                  attempts each took)
     * @param succeeded of those, the ones left SUCCEEDED
     * @param attempts  attempts started in that time: first ones, retries and test events
     */
    record Throughput(long finished, long succeeded, long attempts) {
    }

    /** Deliveries finished and attempts made at or after {@code since}. */
    Throughput throughputSince(Instant since);

    /**
     * The latest attempt of a delivery, in short.
     *
     * @param statusCode {@code null} when there was no answer
     * @param errorKind  {@code null} unless the attempt failed without a usable answer (or was redirected)
     */
    record LastAttempt(int number, Duration duration, Integer statusCode, ErrorKind errorKind) {
    }

    /** The latest attempt of each of these deliveries that has one. */
    Map<DeliveryId, LastAttempt> lastAttempts(Collection<DeliveryId> deliveries);
}
