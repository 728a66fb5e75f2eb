-- Endpoints enabled again while more held deliveries remain than the enabling request released:
-- the ReleaseHeldDeliveries job releases the rest a chunk per transaction and sets the mark back to
-- 0 when none is left, unless the mark changed meanwhile (each such enabling adds 1, so an endpoint
-- disabled and enabled again while the job was at it is released again from its first held
-- delivery). Stored, so a release cut short by a crash resumes on whichever node runs next.
ALTER TABLE endpoints ADD COLUMN held_release BIGINT NOT NULL DEFAULT 0;
