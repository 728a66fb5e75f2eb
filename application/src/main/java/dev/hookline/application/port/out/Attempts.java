package dev.hookline.application.port.out;

import dev.hookline.domain.delivery.Attempt;
import dev.hookline.domain.id.DeliveryId;
import java.util.List;

/** The attempt log. Append-only. */
public interface Attempts {

    /** Adds the attempts, in the caller's transaction; their deliveries must exist. */
    void addAll(List<Attempt> attempts);

    /** Oldest first. */
    List<Attempt> ofDelivery(DeliveryId delivery);
}
