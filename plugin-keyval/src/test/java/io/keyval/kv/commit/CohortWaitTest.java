package io.keyval.kv.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CohortWaitTest {

    private static final long LONG_GROUP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_GROUP = 8;

    @Test
    void aSingleWriterNeverWaits() {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        assertEquals(0, cohort.nanosToWait(1), "before any group");

        cohort.released(1, 0, LONG_GROUP_NANOS);

        assertEquals(0, cohort.nanosToWait(1));
    }

    @Test
    void submittersWaitUntilAsManyCommitsAreQueuedAsThePreviousGroupAcknowledged() {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        cohort.released(3, 0, LONG_GROUP_NANOS);

        assertTrue(cohort.nanosToWait(1) > 0);
        assertTrue(cohort.nanosToWait(2) > 0);
        assertEquals(0, cohort.nanosToWait(3));
        assertEquals(0, cohort.nanosToWait(4));
    }

    @Test
    void aGroupThatChangedNothingLeavesNoCohortToWaitFor() {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        cohort.released(4, 0, LONG_GROUP_NANOS);
        cohort.released(0, 0, LONG_GROUP_NANOS); // e.g. a group whose checks all failed

        assertEquals(0, cohort.nanosToWait(1));
    }

    @Test
    void commitsAlreadyQueuedAtTheReleaseJoinTheNextCohort() {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        cohort.released(3, 1, LONG_GROUP_NANOS); // a straggler queued behind a group of three

        assertTrue(cohort.nanosToWait(3) > 0);
        assertEquals(0, cohort.nanosToWait(4));
    }

    @Test
    void noCohortIsLargerThanAGroupCanTake() {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        cohort.released(MAX_GROUP, 5, LONG_GROUP_NANOS);

        assertEquals(0, cohort.nanosToWait(MAX_GROUP));
    }

    @Test
    void theWaitLastsAtMostTwoRecentGroupTimesAfterTheRelease() throws InterruptedException {
        CohortWait cohort = new CohortWait(MAX_GROUP);
        long groupNanos = TimeUnit.MILLISECONDS.toNanos(20);
        cohort.released(4, 0, groupNanos);

        long wait = cohort.nanosToWait(1);
        assertTrue(wait > groupNanos && wait <= 2 * groupNanos, "waits " + wait + " ns");

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * groupNanos) + 5);

        assertEquals(0, cohort.nanosToWait(1), "the deadline passed: the queued commits go alone");
    }
}
