-- Releasing an endpoint's held deliveries a chunk at a time selects "endpoint_id = ? AND status =
-- 'HELD' AND id > ? ORDER BY id LIMIT n". Without this index the planner intersected two bitmaps
-- (the endpoint's whole history and every endpoint's held rows) or, with a generic plan, scanned
-- the table: 1.4 s per 1,000-row chunk on average in the benchmark, against 0.7 ms for the select
-- with an index like this one. Partial: only held rows are in it, so it costs nothing while
-- endpoints are enabled.
CREATE INDEX deliveries_held_endpoint ON deliveries (endpoint_id, id) WHERE status = 'HELD';
