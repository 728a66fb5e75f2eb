-- Web sessions signed out before their cookie expires. The session cookie is signed, not stored, so
-- a copy of it (another tab, a stolen cookie) stayed valid for its whole life after "Sign out"; the
-- session filter now refuses a session listed here. A row is needed only until the cookie would have
-- expired: signing out deletes the rows past that.
CREATE TABLE signed_out_sessions (
    session_id  VARCHAR(40) NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX signed_out_sessions_expiry ON signed_out_sessions (expires_at);
