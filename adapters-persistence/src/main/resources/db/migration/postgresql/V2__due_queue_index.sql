-- The due queue: only rows waiting for a dispatcher are indexed, so claiming stays fast however
-- much delivery history accumulates.
CREATE INDEX deliveries_due ON deliveries (due_at) WHERE due_at IS NOT NULL;
