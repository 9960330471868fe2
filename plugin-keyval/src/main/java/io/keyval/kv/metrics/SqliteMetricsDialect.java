package io.keyval.kv.metrics;

/** SQLite: {@code length} of a text counts characters, so the value is measured as a blob. */
public final class SqliteMetricsDialect implements MetricsDialect {

    @Override
    public String storageStats() {
        return "SELECT COUNT(*), COALESCE(SUM(length(key) + length(CAST(value AS BLOB))), 0) FROM kv_entries"
                + " WHERE expires_at IS NULL OR expires_at > ?";
    }
}
