-- Entries keyed by their order-preserving key encoding (bytea compares byte-wise).
-- value is json, not jsonb: it keeps the text as written and accepts \u0000.
CREATE TABLE IF NOT EXISTS kv_entries (
    key          bytea  NOT NULL PRIMARY KEY,
    value        json   NOT NULL,
    versionstamp bigint NOT NULL,   -- commit sequence number
    expires_at   bigint             -- epoch ms; NULL = no TTL
);

CREATE INDEX IF NOT EXISTS idx_kv_expires ON kv_entries (expires_at) WHERE expires_at IS NOT NULL;

-- The store-wide commit counter. Every write transaction bumps it first, which serialises writers
-- across all host instances and makes sequence order equal commit order.
CREATE TABLE IF NOT EXISTS kv_sequence (
    id    integer NOT NULL PRIMARY KEY,
    value bigint  NOT NULL
);

INSERT INTO kv_sequence (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
