package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Delivery;
import java.time.Instant;

/** Manual retry: a FAILED or EXPIRED delivery becomes due now with one more attempt (logged MANUAL). */
public interface RetryDeliveryUseCase {

    Result<Delivery> retry(AccountId account, String deliveryId);

    /** Re-sends every failed delivery of the endpoint created since {@code since}; returns how many. */
    Result<Integer> recover(AccountId account, String endpointId, Instant since);
}
