-- Queue messages, clustered by id: time-ordered UUIDv7s, so id order is enqueue order (two B-trees
-- per enqueue, this one and the ready index). Times are epoch ms of the database clock. A message is
-- deliverable when pending and ready, or processing with an expired lock.
CREATE TABLE IF NOT EXISTS kv_queue (
    id                  TEXT    NOT NULL PRIMARY KEY,
    value               TEXT    NOT NULL,   -- compact JSON text
    priority            INTEGER NOT NULL,   -- higher first
    ready_at            INTEGER NOT NULL,
    attempts            INTEGER NOT NULL,   -- deliveries so far
    max_attempts        INTEGER NOT NULL,   -- backoff schedule length + 1
    backoff_schedule    TEXT    NOT NULL,   -- JSON array of ms
    keys_if_undelivered TEXT,               -- JSON array of keys in the wire form, or NULL
    status              TEXT    NOT NULL,   -- 'pending' or 'processing'
    locked_until        INTEGER,            -- while processing
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
) WITHOUT ROWID;

-- Dequeue order among ready messages: one index walk from the top. Also the next time a delayed
-- message becomes ready: one probe per priority in use.
CREATE INDEX IF NOT EXISTS idx_kv_queue_ready ON kv_queue (priority DESC, ready_at, id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS idx_kv_queue_locked ON kv_queue (locked_until) WHERE status = 'processing';

-- Dead letters: messages nacked after their last attempt. Never cleaned automatically.
CREATE TABLE IF NOT EXISTS kv_dlq (
    id                  TEXT    NOT NULL PRIMARY KEY,
    original_id         TEXT    NOT NULL,
    value               TEXT    NOT NULL,
    error_message       TEXT    NOT NULL,
    attempts            INTEGER NOT NULL,
    original_created_at INTEGER NOT NULL,
    failed_at           INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_kv_dlq_failed_at ON kv_dlq (failed_at DESC, id);
