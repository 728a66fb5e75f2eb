-- Every delivery is written three times (queued, claimed, finished) and none of those updates can
-- be HOT (due_at and status change), so each version gets an entry in every index. The two
-- status/time indexes of V1 served housekeeping, the admin's failure list and account statistics,
-- which only ever look at a few statuses: partial indexes on those statuses serve the same queries
-- and take an entry only for the version that matches (measured with the benchmark: 4 fewer index
-- insertions per delivery).
DROP INDEX deliveries_status_created;
DROP INDEX deliveries_account_created;
-- retention purge
CREATE INDEX deliveries_finished ON deliveries (created_at) WHERE status IN ('SUCCEEDED', 'FAILED', 'EXPIRED');
-- held expiry and the held count of the queue depth
CREATE INDEX deliveries_held ON deliveries (created_at) WHERE status = 'HELD';
-- the operator's failed deliveries, newest first
CREATE INDEX deliveries_failed ON deliveries (id) WHERE status IN ('FAILED', 'EXPIRED');
-- per-account statistics over a time window (succeeded and failed counts)
CREATE INDEX deliveries_account_finished ON deliveries (account_id, created_at) WHERE status IN ('SUCCEEDED', 'FAILED');
