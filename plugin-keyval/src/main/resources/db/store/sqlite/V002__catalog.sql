-- The catalog version: a random number that changes whenever a capability changes what every write
-- must do (a search index created or removed). Read with the sequence in every write transaction, so
-- that a writer learns of the change before its next write without a query of its own.
ALTER TABLE kv_sequence ADD COLUMN catalog INTEGER NOT NULL DEFAULT 0;
