-- The catalog version: a random number that changes whenever a capability changes what every write
-- must do (a search index created or removed). Returned with the sequence in every write transaction,
-- so that every host learns of the change before its next write without a round trip of its own.
ALTER TABLE kv_sequence ADD COLUMN IF NOT EXISTS catalog bigint NOT NULL DEFAULT 0;
