-- Search index definitions. Each index's documents live in tables named after its id:
-- kv_fts_<id> (FTS5) and kv_fts_<id>_keys (key -> FTS5 rowid), created with the index.
CREATE TABLE IF NOT EXISTS kv_fts_indexes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a new index never gets old tables
    prefix         BLOB    NOT NULL UNIQUE,  -- encoded prefix key
    fields         TEXT    NOT NULL,         -- JSON array of field paths
    tokenize       TEXT    NOT NULL,         -- unicode61, porter or ascii
    backfill_after BLOB                      -- the back-fill's progress (last key done); NULL once built
);
