package io.keyval.kv.service;

import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.Operation;
import io.keyval.kv.store.PiecedRead;
import io.keyval.kv.store.StoredEntry;
import java.util.List;

/**
 * A read in pieces counted as one call: its latency is the time spent reading the pieces (not the
 * time the client takes to receive them); it is recorded when the last piece has been read, when a
 * piece fails (an error), or when the read is abandoned.
 */
final class MeteredRead implements PiecedRead {

    private final PiecedRead read;
    private final MetricsRecorder recorder;
    private final Operation op;
    private long readingNanos;
    private boolean recorded;

    MeteredRead(PiecedRead read, MetricsRecorder recorder, Operation op, long startNanos) {
        this.read = read;
        this.recorder = recorder;
        this.op = op;
        this.readingNanos = System.nanoTime() - startNanos; // creating it validated the request
    }

    @Override
    public boolean hasNext() {
        return read.hasNext();
    }

    @Override
    public List<StoredEntry> next() {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            List<StoredEntry> piece = read.next();
            failed = false;
            return piece;
        } finally {
            readingNanos += System.nanoTime() - start;
            if (failed || !read.hasNext()) {
                record(failed);
            }
        }
    }

    @Override
    public void abandon() {
        read.abandon();
        record(false);
    }

    private void record(boolean failed) {
        if (!recorded) {
            recorded = true;
            recorder.record(op, System.nanoTime() - readingNanos, failed);
        }
    }
}
