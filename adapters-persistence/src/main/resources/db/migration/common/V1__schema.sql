-- Hookline schema, version 1. Portable SQL: runs unchanged on PostgreSQL 15+ and on H2 2.3 in
-- PostgreSQL mode (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE). Vendor-specific indexes live in
-- db/migration/h2 and db/migration/postgresql (V2).
--
-- Ids are prefixed, time-ordered ULIDs (acc_…, wh_…, evt_…, dlv_…, att_…), so ORDER BY id is
-- creation order. Times are TIMESTAMP WITH TIME ZONE (written and read as UTC instants).

CREATE TABLE accounts (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    id             VARCHAR(40)  NOT NULL PRIMARY KEY,
    account_id     VARCHAR(40)  REFERENCES accounts (id) ON DELETE CASCADE,
    -- stored lower-case: look-ups are case-insensitive
    email          VARCHAR(320) NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (email)
);

CREATE TABLE api_keys (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    account_id    VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    prefix        VARCHAR(40)  NOT NULL,
    -- lower-case hex SHA-256 of the whole key; the key itself is never stored
    hash          VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_keys_hash_unique UNIQUE (hash)
);
CREATE INDEX api_keys_account ON api_keys (account_id);

-- Seeded at startup by the application, not here.
CREATE TABLE event_types (
    name         VARCHAR(100) NOT NULL PRIMARY KEY,
    category     VARCHAR(100) NOT NULL,
    description  VARCHAR(1000) NOT NULL,
    -- canonical compact JSON, kept as TEXT (see events.data)
    sample       TEXT NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE endpoints (
    id                       VARCHAR(40)   NOT NULL PRIMARY KEY,
    account_id               VARCHAR(40)   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url                      VARCHAR(2048) NOT NULL,
    description              VARCHAR(500)  NOT NULL,
    -- '*' for all events, else the sorted patterns joined by ',' (payment.succeeded,invoice.*)
    event_filter             TEXT          NOT NULL,
    -- the whole signing secret ring, AES-256-GCM encrypted: 'v1:' + base64(iv || ciphertext)
    secrets                  TEXT          NOT NULL,
    disabled_cause           VARCHAR(40),
    disabled_reason          VARCHAR(1000),
    disabled_at              TIMESTAMP WITH TIME ZONE,
    -- health: changed only by atomic updates (Endpoints.recordHealth) and on re-enable
    consecutive_failures     INTEGER       NOT NULL DEFAULT 0,
    failing_since            TIMESTAMP WITH TIME ZONE,
    exhausted_since_success  BOOLEAN       NOT NULL DEFAULT FALSE,
    last_attempt_at          TIMESTAMP WITH TIME ZONE,
    rate_limit               INTEGER,
    -- the endpoint's own retry schedule ('1m,5m,30m' in RetryPolicy.parseSchedule syntax) and jitter;
    -- NULL for the global policy
    retry_schedule           VARCHAR(2000),
    retry_jitter             DOUBLE PRECISION,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX endpoints_account ON endpoints (account_id, id);

-- data, previous_data and entities are TEXT on purpose, not JSON/JSONB: they hold canonical JSON
-- whose exact bytes are signed and sent; jsonb would reorder keys and normalise numbers.
CREATE TABLE events (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    account_id       VARCHAR(40)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type             VARCHAR(100) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    data             TEXT         NOT NULL,
    previous_data    TEXT,
    entities         TEXT,
    idempotency_key  VARCHAR(255),
    test             BOOLEAN      NOT NULL DEFAULT FALSE,
    -- NULL keys are distinct: only events that carry a key are deduplicated
    CONSTRAINT events_idempotency UNIQUE (account_id, idempotency_key)
);
CREATE INDEX events_created ON events (created_at);

-- due_at is the due queue: next_attempt_at while PENDING/RETRYING, lease_until while SENDING,
-- NULL otherwise. A delivery is claimable at t iff due_at <= t.
CREATE TABLE deliveries (
    id                VARCHAR(40)  NOT NULL PRIMARY KEY,
    account_id        VARCHAR(40)  NOT NULL,
    event_id          VARCHAR(40)  NOT NULL REFERENCES events (id),
    endpoint_id       VARCHAR(40)  NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    event_type        VARCHAR(100) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    attempts          INTEGER      NOT NULL,
    attempt_limit     INTEGER      NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    lease_until       TIMESTAMP WITH TIME ZONE,
    due_at            TIMESTAMP WITH TIME ZONE,
    last_status_code  INTEGER,
    -- what the next (or current) attempt is logged as: SCHEDULED, MANUAL, TEST
    triggered_by      VARCHAR(20)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
-- the delivery log of an endpoint, newest first (cursor on id)
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, id);
-- housekeeping: held expiry and retention purge
CREATE INDEX deliveries_status_created ON deliveries (status, created_at);
-- per-account statistics over a time window
CREATE INDEX deliveries_account_created ON deliveries (account_id, created_at);
-- one delivery per (event, endpoint); also serves Events.purge ("no delivery refers to it")
CREATE UNIQUE INDEX deliveries_event_endpoint ON deliveries (event_id, endpoint_id);

CREATE TABLE attempts (
    id                       VARCHAR(40) NOT NULL PRIMARY KEY,
    delivery_id              VARCHAR(40) NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt_number           INTEGER     NOT NULL,
    triggered_by             VARCHAR(20) NOT NULL,
    started_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms              BIGINT      NOT NULL,
    -- header maps as JSON objects (name -> value), in the order sent
    request_headers          TEXT        NOT NULL,
    -- NULL when there was no answer (see error_kind)
    response_status          INTEGER,
    response_headers         TEXT,
    response_body            TEXT,
    response_body_truncated  BOOLEAN     NOT NULL DEFAULT FALSE,
    error_kind               VARCHAR(20),
    error_message            TEXT
);
CREATE INDEX attempts_delivery ON attempts (delivery_id, id);
