package io.keyval.kv.core;

/**
 * Decides when committed groups ask for their sync (SQLite {@code synchronous=FULL}; commits that
 * are durable on return never come here).
 *
 * <p>Writers acknowledged by one sync tend to come straight back with their next commit. A sync
 * started the moment the first of them has committed again covers that one alone, and the others
 * pay a whole sync more: with four writers, syncs settle into covering 1, 3, 1, 3 commits. So the
 * pipeline asks for one sync at a time, and a request waits until as many commits are written as the
 * previous sync covered, but no longer than the recent sync time after that sync ended. A single
 * writer never waits; when writers stop, one shortened wait teaches the smaller count.
 */
final class SyncDelay {

    private long written;      // commits in committed transactions
    private long requested;    // commits covered by a sync request
    private boolean syncing;   // a requested sync has not returned yet
    private long expected = 1; // commits the previous request covered
    private long lastSyncEnd = System.nanoTime();
    private long syncNanos;    // recent sync time (exponentially weighted)

    /**
     * Called by the writer turn holder when a transaction committed.
     *
     * @param commits the commits it held
     * @return the transaction's mark: commits written up to and including it
     */
    synchronized long written(int commits) {
        written += commits;
        if (!syncing && written - requested >= expected) {
            notifyAll(); // the waiters' count is complete (others would only go back to waiting)
        }
        return written;
    }

    /**
     * Waits until the transaction's sync is requested. Returns {@code true} if this caller made the
     * request and must then report with {@link #synced}; {@code false} if another request covers it.
     *
     * @param mark the transaction's mark from {@link #written}
     * @return whether this caller requested the sync
     */
    synchronized boolean awaitRequest(long mark) {
        boolean interrupted = false;
        while (mark > requested && (syncing || written - requested < expected)) {
            long left = syncing ? 0 : lastSyncEnd + syncNanos - System.nanoTime();
            if (!syncing && left <= 0) {
                break;
            }
            try {
                if (syncing) {
                    wait();
                } else {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            } catch (InterruptedException e) {
                interrupted = true; // the commit is written: it must still be synced
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mark <= requested) {
            return false;
        }
        expected = written - requested;
        requested = written;
        syncing = true;
        return true;
    }

    /**
     * Reports that the requested sync returned (or failed).
     *
     * @param nanos how long it took
     */
    synchronized void synced(long nanos) {
        syncNanos = syncNanos == 0 ? nanos : (syncNanos * 7 + nanos) / 8;
        lastSyncEnd = System.nanoTime();
        syncing = false;
        notifyAll();
    }
}
