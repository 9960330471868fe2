package io.keyval.kv.commit;

/**
 * Decides how long submitters wait for each other before one of them takes the writer turn.
 *
 * <p>Writers acknowledged together tend to come straight back with their next commit. The first of
 * them back would otherwise commit alone, and the others after it in a second transaction with a
 * second durable commit (on SQLite a second WAL sync, and a WAL frame per page per transaction). So
 * submitters wait until as many commits are queued as the previous group acknowledged (its cohort)
 * plus the commits already queued at that point, and the submitter that completes the cohort commits
 * it. They wait at most two recent group times — from the start of a group's
 * transaction to its acknowledgement — after that acknowledgement: a writer that does not come back
 * costs at most that much latency, and the next group then expects fewer. A single writer never
 * waits.
 *
 * <p>Only commits that changed something count: a commit whose checks failed is no member worth
 * waiting for (under contention its writer usually fails again).
 */
final class CohortWait {

    /**
     * How many recent group times submitters wait at most. Woken writers on a busy machine often take
     * longer than one group time to come back, and a split group costs a whole extra commit.
     */
    private static final int DEADLINE_GROUPS = 2;

    private final int maxGroup;
    private int expected = 1;          // the commits the next group should hold
    private long lastRelease = System.nanoTime();
    private long groupNanos;           // recent time from a group's transaction start to its release

    /** @param maxGroup the most commits a group takes: no cohort is larger */
    CohortWait(int maxGroup) {
        this.maxGroup = maxGroup;
    }

    /**
     * @param queued the number of commits queued now
     * @return how long a submitter should still wait for the cohort before taking the writer turn:
     *     0 when the cohort is complete or the deadline has passed
     */
    synchronized long nanosToWait(int queued) {
        if (queued >= expected) {
            return 0;
        }
        return Math.max(0, lastRelease + DEADLINE_GROUPS * groupNanos - System.nanoTime());
    }

    /**
     * Called by the turn holder when its group is durable, just before the submitters are told. The
     * next cohort is the writers this group acknowledges and the commits already waiting: counting
     * the latter heals a split group (a straggler's commit queued behind the others) at once.
     *
     * @param changingCommits how many of the group's commits changed something
     * @param stillQueued how many commits are queued now
     * @param nanos the time from the start of the group's transaction until now
     */
    synchronized void released(int changingCommits, int stillQueued, long nanos) {
        expected = Math.max(1, Math.min(maxGroup, changingCommits + stillQueued));
        groupNanos = groupNanos == 0 ? nanos : (groupNanos * 7 + nanos) / 8;
        lastRelease = System.nanoTime();
    }
}
