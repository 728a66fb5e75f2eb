package dev.hookline.application.port.in;

import dev.hookline.application.port.in.DeliveryQueries.DeliveryLogQuery;
import dev.hookline.application.port.out.DeliveryReports.LastAttempt;
import dev.hookline.application.port.out.Page;
import dev.hookline.domain.delivery.Delivery;
import dev.hookline.domain.id.AccountId;
import java.util.Optional;

/** The delivery log as the endpoint page shows it: each delivery with its latest attempt's outcome. */
public interface DeliveryLogQueries {

    record LogEntry(Delivery delivery, Optional<LastAttempt> lastAttempt) {
    }

    Result<Page<LogEntry>> log(AccountId account, DeliveryLogQuery query);
}
