-- Endpoints enabled again while more held deliveries remain than the enabling request released:
-- the ReleaseHeldDeliveries job releases the rest a chunk per transaction and unmarks the endpoint
-- when none is left. Stored, so a release cut short by a crash resumes on whichever node runs next.
ALTER TABLE endpoints ADD COLUMN releasing_held BOOLEAN NOT NULL DEFAULT FALSE;
