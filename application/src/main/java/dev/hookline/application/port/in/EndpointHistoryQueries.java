package dev.hookline.application.port.in;

import dev.hookline.domain.id.AccountId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** An endpoint's attempts over the last days, for the endpoint page's chart. */
public interface EndpointHistoryQueries {

    int MAX_DAYS = 90;

    /**
     * One UTC day of attempts.
     *
     * @param averageMillis mean duration of the day's attempts, empty when there were none
     */
    record DayStats(LocalDate day, long attempts, long succeeded, Optional<Double> averageMillis) {

        /** Percentage of the day's attempts that got a 2xx, empty when there were none. */
        public Optional<Double> successRate() {
            return attempts == 0 ? Optional.empty() : Optional.of(100.0 * succeeded / attempts);
        }
    }

    /** The last {@code days} UTC days (today included), oldest first, one entry per day even without attempts. */
    Result<List<DayStats>> lastDays(AccountId account, String endpointId, int days);
}
