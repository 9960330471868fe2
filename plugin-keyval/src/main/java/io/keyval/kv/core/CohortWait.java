package io.keyval.kv.core;

import java.util.function.IntSupplier;

/**
 * Decides when the writer turn holder stops waiting for commits and begins its group's transaction.
 *
 * <p>Writers acknowledged together tend to come straight back with their next commit. The first of
 * them back would otherwise commit alone, and the others after it in a second transaction with a
 * second durable commit (on SQLite a second WAL sync, and a WAL frame per page per transaction). So
 * the turn holder waits until as many commits are queued as the previous group acknowledged (its
 * cohort), then commits them together. It waits at most one recent group time — from the start of a
 * group's transaction to its acknowledgement — after that acknowledgement: a writer that does not
 * come back costs at most about one more commit's latency, and the next group then expects fewer. A
 * single writer never waits.
 *
 * <p>Only commits that changed something count: a commit whose checks failed is no member worth
 * waiting for (under contention its writer usually fails again).
 */
final class CohortWait {

    private final Object lock = new Object();
    private int expected = 1;          // changing commits the previous group acknowledged
    private long lastRelease = System.nanoTime();
    private long groupNanos;           // recent time from a group's transaction start to its release
    private volatile int waitingFor;   // while the turn holder waits: the queue length it waits for

    /**
     * Called by a submitter after queueing its commit: wakes the turn holder when the cohort is complete.
     *
     * @param queued the number of commits queued now
     */
    void queued(int queued) {
        int target = waitingFor;
        if (target > 0 && queued >= target) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Called by the turn holder before it takes the queued commits: waits for the cohort, or until the
     * deadline passes. An interrupt ends the wait (it is only an optimisation) and is kept.
     *
     * @param queued the number of commits queued at any moment
     */
    void awaitCohort(IntSupplier queued) {
        synchronized (lock) {
            try {
                waitingFor = expected;
                long deadline = lastRelease + groupNanos;
                long left;
                while (queued.getAsInt() < expected && (left = deadline - System.nanoTime()) > 0) {
                    lock.wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waitingFor = 0;
            }
        }
    }

    /**
     * Called by the turn holder when its group is durable, just before the submitters are told.
     *
     * @param changingCommits how many of the group's commits changed something
     * @param nanos the time from the start of the group's transaction until now
     */
    void released(int changingCommits, long nanos) {
        synchronized (lock) {
            expected = Math.max(1, changingCommits);
            groupNanos = groupNanos == 0 ? nanos : (groupNanos * 7 + nanos) / 8;
            lastRelease = System.nanoTime();
        }
    }
}
