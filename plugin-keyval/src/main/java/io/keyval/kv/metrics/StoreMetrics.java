package io.keyval.kv.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.KvMetrics;
import io.keyval.kv.engine.SchemaScripts;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one host: counters per operation fed by the service operations, the queue and
 * storage gauges, and, when persistent, this host's counters saved every {@code flushInterval} and
 * at shutdown. One background thread counts the storage and saves the counters.
 *
 * <pre>{@code
 * StoreMetrics metrics = StoreMetrics.start(adapter, dialect, settings, clock);
 * metrics.record(Operation.GET, start, false);
 * metrics.prometheusText();
 * metrics.close(); // final save
 * }</pre>
 */
public final class StoreMetrics implements KvMetrics, MetricsRecorder, AutoCloseable {

    /** The metrics capability's schema scripts (the saved counters). */
    public static final SchemaScripts SCHEMA = new SchemaScripts("metrics", List.of("V001__counters"));

    private static final Logger LOG = LoggerFactory.getLogger(StoreMetrics.class);

    private final Map<Operation, OperationStats> stats = new EnumMap<>(Operation.class);
    private final MetricsSettings settings;
    private final Clock clock;
    private final StorageGauge storage;
    private final MetricsPersistence persistence;
    private volatile QueueGauges queue = QueueGauges.NONE;
    private volatile QueueGauges.Counts queueCounts = QueueGauges.NONE.current();
    private final Object queueLock = new Object();
    /** Orders saves and resets, so that a save's snapshot taken before a reset is never written after it. */
    private final Object persistenceLock = new Object();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "kv-metrics");
        t.setDaemon(true);
        return t;
    });

    private StoreMetrics(DatabaseAdapter db, MetricsDialect dialect, MetricsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.storage = new StorageGauge(db, dialect, clock);
        this.persistence = settings.persistent() ? new MetricsPersistence(db, settings.instance()) : null;
        for (Operation op : Operation.values()) {
            stats.put(op, new OperationStats());
        }
        // At close, a save or storage count under way finishes; nothing scheduled starts any more.
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /**
     * Creates the metrics, restores this host's saved counters (before any call can be counted) and
     * starts the background thread (storage counts at once, then every {@code storageRefresh}).
     *
     * @param db the database
     * @param dialect the engine's metrics dialect
     * @param settings the configuration
     * @param clock the time source
     * @return the running metrics
     */
    public static StoreMetrics start(DatabaseAdapter db, MetricsDialect dialect, MetricsSettings settings, Clock clock) {
        StoreMetrics metrics = new StoreMetrics(db, dialect, settings, clock);
        if (metrics.persistence != null) {
            metrics.persistence.load().forEach((op, saved) -> metrics.stats.get(op).restore(saved));
            long every = settings.flushInterval();
            metrics.timer.scheduleWithFixedDelay(metrics::save, every, every, TimeUnit.MILLISECONDS);
        }
        metrics.timer.execute(metrics::refreshStorage);
        return metrics;
    }

    /**
     * Counts the queue now, then with the storage gauges in the background.
     *
     * @param gauges the queue's gauges
     */
    public void setQueueGauges(QueueGauges gauges) {
        QueueGauges.Counts counts = gauges.current();
        synchronized (queueLock) {
            this.queue = gauges;
            this.queueCounts = counts;
        }
    }

    @Override
    public void record(Operation op, long startNanos, boolean failed) {
        stats.get(op).record(System.nanoTime() - startNanos, failed);
    }

    @Override
    public void recordFailure(Operation op) {
        stats.get(op).record(0, true);
    }

    @Override
    public JsonNode json() {
        return MetricsJson.render(view());
    }

    @Override
    public String prometheusText() {
        return PrometheusExposition.text(view());
    }

    @Override
    public String openMetricsText() {
        return PrometheusExposition.openMetrics(view());
    }

    @Override
    public void reset() {
        synchronized (persistenceLock) {
            stats.values().forEach(OperationStats::reset);
            if (persistence != null) {
                persistence.delete();
            }
        }
    }

    /** Stops the background thread (a task under way finishes), then saves the counters one last time when persistent. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    private MetricsView view() {
        return new MetricsView(counters(), queueCounts, storage.current());
    }

    /** @return the counters of the operations called so far */
    private Map<Operation, OperationSnapshot> counters() {
        Map<Operation, OperationSnapshot> called = new EnumMap<>(Operation.class);
        stats.forEach((op, s) -> {
            OperationSnapshot snapshot = s.snapshot();
            if (snapshot.count() > 0) {
                called.put(op, snapshot);
            }
        });
        return called;
    }

    private void save() {
        if (persistence == null) {
            return;
        }
        try {
            synchronized (persistenceLock) {
                persistence.save(counters(), clock.millis());
            }
        } catch (RuntimeException e) {
            // The next flush writes the totals again: nothing is lost but the time in between.
            LOG.warn("Saving the metrics failed (will retry at the next flush): {}", e.toString());
        }
    }

    private void refreshStorage() {
        try {
            storage.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Counting the storage gauges failed (will retry): {}", e.toString());
        }
        try {
            QueueGauges gauges = queue;
            QueueGauges.Counts counts = gauges.current();
            synchronized (queueLock) {
                if (queue == gauges) { // a pass under way when the gauges were replaced must not win
                    queueCounts = counts;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Counting the queue gauges failed (will retry): {}", e.toString());
        }
        try {
            timer.schedule(this::refreshStorage, storage.nextDelay(settings.storageRefresh()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }
}
