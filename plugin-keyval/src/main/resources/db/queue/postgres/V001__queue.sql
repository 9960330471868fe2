-- Queue messages. id: time-ordered UUIDv7s, so id order is enqueue order. Times are epoch ms of the
-- database clock, so that hosts with skewed clocks still honour delays and locks. A message is
-- deliverable when pending and ready, or processing with an expired lock.
CREATE TABLE IF NOT EXISTS kv_queue (
    id                  text    NOT NULL PRIMARY KEY,
    value               text    NOT NULL,   -- compact JSON text
    priority            integer NOT NULL,   -- higher first
    ready_at            bigint  NOT NULL,
    attempts            integer NOT NULL,   -- deliveries so far
    max_attempts        integer NOT NULL,   -- backoff schedule length + 1
    backoff_schedule    text    NOT NULL,   -- JSON array of ms
    keys_if_undelivered text,               -- JSON array of keys in the wire form, or NULL
    status              text    NOT NULL,   -- 'pending' or 'processing'
    locked_until        bigint,             -- while processing
    created_at          bigint  NOT NULL,
    updated_at          bigint  NOT NULL
);

-- Dequeue order among ready messages: one index walk from the top. Also the next time a delayed
-- message becomes ready: one probe per priority in use.
CREATE INDEX IF NOT EXISTS idx_kv_queue_ready ON kv_queue (priority DESC, ready_at, id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS idx_kv_queue_locked ON kv_queue (locked_until) WHERE status = 'processing';

-- Dead letters: messages nacked after their last attempt. Never cleaned automatically.
CREATE TABLE IF NOT EXISTS kv_dlq (
    id                  text    NOT NULL PRIMARY KEY,
    original_id         text    NOT NULL,
    value               text    NOT NULL,
    error_message       text    NOT NULL,
    attempts            integer NOT NULL,
    original_created_at bigint  NOT NULL,
    failed_at           bigint  NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_kv_dlq_failed_at ON kv_dlq (failed_at DESC, id);
