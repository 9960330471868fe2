package io.keyval.kv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CohortWaitTest {

    private static final long LONG_GROUP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Duration GUARD = Duration.ofSeconds(10);

    @Test
    void aSingleWriterNeverWaits() {
        CohortWait cohort = new CohortWait();
        cohort.released(1, LONG_GROUP_NANOS);

        assertTimeoutPreemptively(GUARD, () -> cohort.awaitCohort(() -> 1));
    }

    @Test
    void commitsThatChangedNothingAreNotWaitedFor() {
        CohortWait cohort = new CohortWait();
        cohort.released(0, LONG_GROUP_NANOS); // e.g. a group whose checks all failed

        assertTimeoutPreemptively(GUARD, () -> cohort.awaitCohort(() -> 1));
    }

    @Test
    void theTurnHolderWaitsUntilAsManyCommitsAreQueuedAsTheLastGroupAcknowledged() throws Exception {
        CohortWait cohort = new CohortWait();
        cohort.released(3, LONG_GROUP_NANOS);
        AtomicInteger queued = new AtomicInteger(1);
        Thread holder = new Thread(() -> cohort.awaitCohort(queued::get));
        holder.start();
        awaitState(holder, Thread.State.TIMED_WAITING);

        cohort.queued(queued.incrementAndGet());
        awaitState(holder, Thread.State.TIMED_WAITING); // two of three: still waiting
        cohort.queued(queued.incrementAndGet());

        holder.join(GUARD.toMillis());
        assertFalse(holder.isAlive(), "the third commit did not end the wait");
    }

    @Test
    void theWaitEndsAtTheDeadlineWhenTheCohortDoesNotComeBack() {
        CohortWait cohort = new CohortWait();
        cohort.released(4, TimeUnit.MILLISECONDS.toNanos(50));

        assertTimeoutPreemptively(GUARD, () -> cohort.awaitCohort(() -> 1));
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() throws Exception {
        CohortWait cohort = new CohortWait();
        cohort.released(2, LONG_GROUP_NANOS);
        boolean[] interrupted = new boolean[1];
        Thread holder = new Thread(() -> {
            cohort.awaitCohort(() -> 1);
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        holder.start();
        awaitState(holder, Thread.State.TIMED_WAITING);

        holder.interrupt();

        holder.join(GUARD.toMillis());
        assertFalse(holder.isAlive());
        assertEquals(true, interrupted[0]);
    }

    private static void awaitState(Thread thread, Thread.State state) {
        long guard = System.nanoTime() + GUARD.toNanos();
        while (thread.getState() != state && System.nanoTime() < guard) {
            Thread.onSpinWait();
        }
        assertEquals(state, thread.getState());
    }
}
