package dev.hookline.domain.retry;

import java.time.Instant;

/** What to do after a failed attempt. */
public sealed interface RetryDecision permits RetryDecision.RetryAt, RetryDecision.GiveUp {

    /** Try again at {@code at}. */
    record RetryAt(Instant at) implements RetryDecision {
    }

    /** No more automatic attempts; the delivery is {@code FAILED}. */
    record GiveUp(String reason) implements RetryDecision {
    }
}
