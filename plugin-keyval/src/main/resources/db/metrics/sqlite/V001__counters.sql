-- Persisted operation counters (metrics.persistent), one row per host instance and operation: each
-- host restores only its own. buckets: the latency histogram's calls per bucket, comma-separated,
-- not cumulative; the call count is their sum.
CREATE TABLE IF NOT EXISTS kv_metrics (
    instance    TEXT    NOT NULL,
    operation   TEXT    NOT NULL,
    errors      INTEGER NOT NULL,
    latency_sum REAL    NOT NULL,   -- ms
    buckets     TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,   -- epoch ms
    PRIMARY KEY (instance, operation)
);
