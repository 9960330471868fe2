package io.keyval.kv.metrics;

import io.keyval.database.DatabaseAdapter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * The storage gauges (live entries and their approximate size), counted by a query in the background
 * and served from memory: a scrape never scans the store. The count is a full pass over the entries,
 * so it runs at most every {@code metrics.storageRefresh} ms and, on a store large enough for the pass
 * to take long, no more often than {@value #MAX_BUSY_SHARE_INVERSE} times its duration: it never keeps
 * the database busy more than 1/{@value #MAX_BUSY_SHARE_INVERSE} of the time.
 */
final class StorageGauge {

    private static final int MAX_BUSY_SHARE_INVERSE = 20;

    private final DatabaseAdapter db;
    private final MetricsDialect dialect;
    private final Clock clock;
    private volatile Counts current = new Counts(0, 0);
    private volatile long lastPassMillis;

    StorageGauge(DatabaseAdapter db, MetricsDialect dialect, Clock clock) {
        this.db = db;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Counts the live entries now (a full pass). */
    void refresh() {
        long start = System.nanoTime();
        long now = clock.millis();
        current = db.read(s -> {
            PreparedStatement ps = s.prepare(dialect.storageStats());
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2));
            }
        });
        lastPassMillis = (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * @param interval the configured refresh interval (ms)
     * @return how long to wait before the next pass
     */
    long nextDelay(long interval) {
        return Math.max(interval, lastPassMillis * MAX_BUSY_SHARE_INVERSE);
    }

    /** @return the counts of the latest pass (zeros before the first) */
    Counts current() {
        return current;
    }

    /**
     * @param entries live entries
     * @param sizeBytes sum of their key and value bytes as stored (an approximation of the space used)
     */
    record Counts(long entries, long sizeBytes) {
    }
}
