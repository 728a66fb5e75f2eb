-- One partial index for held deliveries instead of two. With deliveries_held (created_at) beside
-- deliveries_held_endpoint, a claim of one endpoint's held deliveries ("endpoint_id = ? AND status
-- = 'HELD' AND id > ? ORDER BY id LIMIT n") was planned through deliveries_held whenever the
-- statistics were older than the backlog (both indexes estimated at one row, the smaller one won):
-- a filter over every held row of every endpoint and a sort, 15-20 ms per endpoint per claim
-- instead of well under a millisecond (auto_explain, benchmark backlog: 50,000 held rows written
-- in 20 s, before autoanalyze had run). With one index the choice cannot go wrong, and every held
-- row written or claimed takes one index entry fewer. Held expiry and the held count read the whole
-- index (created_at is included, so without visiting the table where the visibility map allows).
DROP INDEX deliveries_held;
DROP INDEX deliveries_held_endpoint;
CREATE INDEX deliveries_held_endpoint ON deliveries (endpoint_id, id) INCLUDE (created_at) WHERE status = 'HELD';
