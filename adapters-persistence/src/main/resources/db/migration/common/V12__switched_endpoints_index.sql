-- Every dispatcher reads the marked endpoints (held_release > 0) several times a second to claim
-- the held deliveries of those enabled again straight from the hold, and the housekeeping job every
-- second: by this index, not a scan of all endpoints. Almost every row is 0 and a mark is rare, so
-- it costs nothing on the write path.
CREATE INDEX endpoints_held_release ON endpoints (held_release);
