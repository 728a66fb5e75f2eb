-- H2 has no partial indexes: index every row; NULLs sort last (DEFAULT_NULL_ORDERING=HIGH), so
-- the range scan "due_at <= ?" never visits them.
CREATE INDEX deliveries_due ON deliveries (due_at);
