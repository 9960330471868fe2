package io.keyval.kv.plugin;

import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.Operation;
import io.keyval.kv.store.KvStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired entries in the background (every 60 s by default; docs/configuration.md). A failed
 * purge is logged and counted as a {@code cleanup} error; the next one tries again.
 */
final class TtlPurger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TtlPurger.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kv-ttl-purge");
        t.setDaemon(true);
        return t;
    });

    TtlPurger(KvStore store, long intervalMillis, MetricsRecorder recorder) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                int n = store.purgeExpired();
                if (n > 0) {
                    LOG.debug("Purged {} expired entries", n);
                }
            } catch (RuntimeException e) {
                recorder.recordFailure(Operation.CLEANUP);
                LOG.warn("TTL purge failed", e);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer; a purge under way may finish its batches for a few seconds. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
