-- The "Last Delivery" of a webhook (the API's last_delivery_at / last_delivery_status, the list's
-- column): the recorder writes where the latest attempt left its delivery next to last_attempt_at.
-- It was looked up as the newest delivery with an attempt, which reads past every delivery of the
-- endpoint never attempted yet: 1.3-2.2 s per GET of a webhook with 100,000 held on H2.
ALTER TABLE endpoints ADD COLUMN last_delivery_status VARCHAR(20);

-- endpoints attempted before this migration: the status of their newest attempted delivery, as shown so far
UPDATE endpoints SET last_delivery_status = (
    SELECT d.status FROM deliveries d WHERE d.endpoint_id = endpoints.id AND d.attempts > 0
    ORDER BY d.id DESC LIMIT 1)
WHERE last_attempt_at IS NOT NULL;
