package io.keyval.kv.metrics;

import io.keyval.database.DatabaseAdapter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * This host's counters in {@code kv_metrics}, under its instance name: loaded once at start-up,
 * written whole at each flush (only this host writes its rows, so a flush that is retried or
 * overtaken never counts a call twice), deleted by a reset.
 */
final class MetricsPersistence {

    private static final String SELECT = "SELECT operation, errors, latency_sum, buckets FROM kv_metrics WHERE instance = ?";
    private static final String UPSERT = "INSERT INTO kv_metrics (instance, operation, errors, latency_sum, buckets,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (instance, operation) DO UPDATE SET"
            + " errors = excluded.errors, latency_sum = excluded.latency_sum, buckets = excluded.buckets,"
            + " updated_at = excluded.updated_at";
    private static final String DELETE = "DELETE FROM kv_metrics WHERE instance = ?";

    private final DatabaseAdapter db;
    private final String instance;

    MetricsPersistence(DatabaseAdapter db, String instance) {
        this.db = db;
        this.instance = instance;
    }

    /** @return this instance's saved counters (operations this version does not know are skipped) */
    Map<Operation, OperationSnapshot> load() {
        return db.read(s -> {
            PreparedStatement ps = s.prepare(SELECT);
            ps.setString(1, instance);
            Map<Operation, OperationSnapshot> saved = new EnumMap<>(Operation.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Operation op = Operation.ofLabel(rs.getString(1));
                    long[] buckets = parseBuckets(rs.getString(4));
                    if (op != null && buckets != null) {
                        saved.put(op, new OperationSnapshot(buckets, rs.getLong(2), rs.getDouble(3)));
                    }
                }
            }
            return saved;
        });
    }

    /**
     * @param counters the counters of the operations called so far
     * @param now the time of the flush (epoch ms)
     */
    void save(Map<Operation, OperationSnapshot> counters, long now) {
        db.transaction(s -> {
            PreparedStatement ps = s.prepare(UPSERT);
            for (Map.Entry<Operation, OperationSnapshot> e : counters.entrySet()) {
                OperationSnapshot c = e.getValue();
                ps.setString(1, instance);
                ps.setString(2, e.getKey().label());
                ps.setLong(3, c.errors());
                ps.setDouble(4, c.latencySumMs());
                ps.setString(5, Arrays.stream(c.buckets()).mapToObj(Long::toString).collect(Collectors.joining(",")));
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes this instance's saved counters. */
    void delete() {
        db.transaction(s -> {
            PreparedStatement ps = s.prepare(DELETE);
            ps.setString(1, instance);
            ps.executeUpdate();
            return null;
        });
    }

    /** @return the bucket counts, or {@code null} when the text does not hold one per bucket */
    private static long[] parseBuckets(String text) {
        String[] parts = text.split(",");
        if (parts.length != OperationStats.BOUNDS_MS.length) {
            return null;
        }
        long[] buckets = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            buckets[i] = Long.parseLong(parts[i].trim());
        }
        return buckets;
    }
}
