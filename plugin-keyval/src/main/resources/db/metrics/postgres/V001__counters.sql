-- Persisted operation counters (metrics.persistent), one row per host instance and operation: each
-- host restores only its own. buckets: the latency histogram's calls per bucket, comma-separated,
-- not cumulative; the call count is their sum.
CREATE TABLE IF NOT EXISTS kv_metrics (
    instance    text             NOT NULL,
    operation   text             NOT NULL,
    errors      bigint           NOT NULL,
    latency_sum double precision NOT NULL,   -- ms
    buckets     text             NOT NULL,
    updated_at  bigint           NOT NULL,   -- epoch ms
    PRIMARY KEY (instance, operation)
);
