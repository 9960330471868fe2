-- Entries, clustered by their order-preserving key encoding (WITHOUT ROWID: one B-tree, so
-- point reads and range scans touch a single index).
CREATE TABLE IF NOT EXISTS kv_entries (
    key          BLOB    NOT NULL PRIMARY KEY,
    value        TEXT    NOT NULL,   -- compact JSON text
    versionstamp INTEGER NOT NULL,   -- commit sequence number
    expires_at   INTEGER             -- epoch ms; NULL = no TTL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS idx_kv_expires ON kv_entries (expires_at) WHERE expires_at IS NOT NULL;

-- The store-wide commit counter: the end of the block of numbers reserved last (VersionstampSequence).
CREATE TABLE IF NOT EXISTS kv_sequence (
    id    INTEGER NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
);

INSERT INTO kv_sequence (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
