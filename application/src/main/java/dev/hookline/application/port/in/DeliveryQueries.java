package dev.hookline.application.port.in;

import dev.hookline.application.port.out.Page;
import dev.hookline.domain.id.AccountId;
import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.event.Event;
import java.util.List;

/** The delivery log. */
public interface DeliveryQueries {

    /** @param status and eventType as given by the caller; blank means any */
    record DeliveryLogQuery(String endpointId, String status, String eventType, String cursor, Integer limit) {
    }

    Result<Page<Delivery>> list(AccountId account, DeliveryLogQuery query);

    /** @param requestBody exactly what was (or will be) POSTed */
    record DeliveryDetails(Delivery delivery, Event event, String endpointUrl, String requestBody,
                           List<Attempt> attempts) {
    }

    Result<DeliveryDetails> get(AccountId account, String deliveryId);
}
