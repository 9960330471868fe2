package io.keyval.kv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SyncDelayTest {

    private static final long LONG_SYNC_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void aSingleWriterRequestsAtOnce() {
        SyncDelay delay = new SyncDelay();

        assertTrue(delay.awaitRequest(delay.written(1)));
        delay.synced(LONG_SYNC_NANOS);
        assertTrue(delay.awaitRequest(delay.written(1)));
    }

    @Test
    void aCommitCoveredByAnotherRequestDoesNotRequestAgain() {
        SyncDelay delay = new SyncDelay();
        long first = delay.written(1);
        long second = delay.written(1);

        assertTrue(delay.awaitRequest(second));
        assertFalse(delay.awaitRequest(first));
    }

    @Test
    void aRequestWaitsForAsManyCommitsAsThePreviousSyncCovered() throws InterruptedException {
        SyncDelay delay = new SyncDelay();
        delay.written(3);
        assertTrue(delay.awaitRequest(3)); // covers 3 commits
        delay.synced(LONG_SYNC_NANOS);      // so the next request may wait that long for 3 more

        long mark = delay.written(1);
        AtomicBoolean requested = new AtomicBoolean();
        Thread waiter = new Thread(() -> requested.set(delay.awaitRequest(mark)));
        waiter.start();
        long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < guard) {
            Thread.onSpinWait(); // until the waiter is in its bounded wait
        }
        assertEquals(Thread.State.TIMED_WAITING, waiter.getState());

        delay.written(2);

        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(waiter.isAlive(), "the third commit did not release the request");
        assertTrue(requested.get());
    }
}
