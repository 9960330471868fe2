package io.keyval.kv.metrics;

/** PostgreSQL: {@code octet_length} of the key and of the value's JSON text. */
public final class PostgresMetricsDialect implements MetricsDialect {

    @Override
    public String storageStats() {
        return "SELECT COUNT(*), COALESCE(SUM(octet_length(key) + octet_length(value::text)), 0) FROM kv_entries"
                + " WHERE expires_at IS NULL OR expires_at > ?";
    }
}
