-- Counts per endpoint and UTC hour (epoch_hour = hours since 1970-01-01T00:00Z) of attempts and of
-- deliveries an attempt finished: the success rate of GET /v1/webhooks[/{id}] and the webhook list,
-- and the endpoint page's chart. The recorder adds to them in the transaction that stores the
-- attempts. They were computed from the rows: every delivery of the account in the last 7 days for
-- the list, and every attempt of every endpoint of the chart's days for one endpoint's chart.
CREATE TABLE endpoint_tallies (
    endpoint_id         VARCHAR(40) NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    epoch_hour          BIGINT      NOT NULL,
    attempts            BIGINT      NOT NULL,
    -- of those, answered 2xx
    attempts_succeeded  BIGINT      NOT NULL,
    -- their total duration
    attempt_ms          BIGINT      NOT NULL,
    -- deliveries an attempt of the hour left SUCCEEDED / FAILED
    succeeded           BIGINT      NOT NULL,
    failed              BIGINT      NOT NULL,
    PRIMARY KEY (endpoint_id, epoch_hour)
);

-- what was recorded before: every attempt in its hour, and a finished delivery in the hour of its last attempt
INSERT INTO endpoint_tallies (endpoint_id, epoch_hour, attempts, attempts_succeeded, attempt_ms, succeeded, failed)
SELECT d.endpoint_id, CAST(FLOOR(EXTRACT(EPOCH FROM a.started_at) / 3600) AS BIGINT),
       COUNT(*),
       SUM(CASE WHEN a.response_status BETWEEN 200 AND 299 THEN 1 ELSE 0 END),
       SUM(a.duration_ms),
       SUM(CASE WHEN d.status = 'SUCCEEDED' AND a.attempt_number = d.attempts THEN 1 ELSE 0 END),
       SUM(CASE WHEN d.status = 'FAILED' AND a.attempt_number = d.attempts THEN 1 ELSE 0 END)
FROM attempts a JOIN deliveries d ON d.id = a.delivery_id
GROUP BY d.endpoint_id, CAST(FLOOR(EXTRACT(EPOCH FROM a.started_at) / 3600) AS BIGINT);
