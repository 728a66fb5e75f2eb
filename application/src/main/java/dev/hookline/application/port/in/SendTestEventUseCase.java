package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.Delivery;

/** Sends an event type's sample to an endpoint now and waits for the answer. */
public interface SendTestEventUseCase {

    record TestResult(Delivery delivery, Attempt attempt) {
    }

    Result<TestResult> send(AccountId account, String endpointId, String eventType);
}
