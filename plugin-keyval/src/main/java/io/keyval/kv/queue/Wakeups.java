package io.keyval.kv.queue;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this host's idle consumers when messages may be deliverable, instead of letting them poll.
 * A consumer that finds nothing parks here; an enqueue of n ready messages wakes n of them (no
 * thundering herd), and one timer, armed for the earliest time a delayed message becomes ready or a
 * lock expires, wakes one. Where the number of deliverable messages is unknown (the timer, a lost
 * notification connection), the woken consumer carries a baton: when it gets a message it wakes the
 * next one, and so on until one finds nothing.
 *
 * <p>A consumer reads {@link #generation()} before its dequeue and parks with it: if anything was
 * signalled meanwhile, {@link #park} refuses and the consumer tries again, so no signal is lost
 * between an empty dequeue and the park.
 */
final class Wakeups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wakeups.class);

    /** An idle consumer. */
    interface Waiter {
        /**
         * Called at most once per park; must only hand work off.
         *
         * @param baton whether to wake another consumer after getting a message
         */
        void wake(boolean baton);
    }

    private final AtomicLong generation = new AtomicLong();
    private final LinkedHashSet<Waiter> idle = new LinkedHashSet<>(); // guarded by itself
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "kv-queue-timer");
        t.setDaemon(true);
        return t;
    });

    Wakeups() {
        // A lock-expiry check per delivered stream message, cancelled by its ack: cancelled tasks
        // leave the queue at once instead of at their (30 s later) due time.
        timer.setRemoveOnCancelPolicy(true);
    }
    private ScheduledFuture<?> armed; // guarded by this
    private long armedAtNanos;

    /** @return the signal count, to pass to {@link #park} */
    long generation() {
        return generation.get();
    }

    /**
     * @param w an idle consumer
     * @param seen the {@link #generation()} read before its dequeue found nothing
     * @return {@code false} if something was signalled since (the consumer should dequeue again)
     */
    boolean park(Waiter w, long seen) {
        synchronized (idle) {
            idle.add(w);
        }
        if (generation.get() == seen) {
            return true;
        }
        synchronized (idle) {
            // Not there any more: a signal took it and wakes it.
            return !idle.remove(w);
        }
    }

    /** @param w a consumer that stops */
    void unpark(Waiter w) {
        synchronized (idle) {
            idle.remove(w);
        }
    }

    /** @param n messages that became deliverable: wakes up to n idle consumers */
    void ready(int n) {
        generation.incrementAndGet();
        for (int i = 0; i < n; i++) {
            Waiter w = next();
            if (w == null) {
                return;
            }
            w.wake(false);
        }
    }

    /** Some messages may be deliverable, how many is unknown: wakes one consumer, with the baton. */
    void baton() {
        generation.incrementAndGet();
        Waiter w = next();
        if (w != null) {
            w.wake(true);
        }
    }

    private Waiter next() {
        synchronized (idle) {
            Iterator<Waiter> it = idle.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Waiter w = it.next();
            it.remove();
            return w;
        }
    }

    /**
     * One message becomes deliverable in {@code millis}: one consumer is woken now, or the timer is
     * armed for then.
     *
     * @param millis ms from now; negative does nothing
     */
    void oneIn(long millis) {
        if (millis == 0) {
            ready(1);
        } else {
            dueIn(millis);
        }
    }

    /**
     * Messages, how many is unknown, become deliverable in {@code millis}: the timer is armed for
     * then, unless it already fires earlier.
     *
     * @param millis ms from now; 0 signals at once (with the baton), negative does nothing
     */
    void dueIn(long millis) {
        if (millis < 0) {
            return;
        }
        if (millis == 0) {
            baton();
            return;
        }
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (this) {
            if (armed != null && !armed.isDone() && armedAtNanos - at <= 0) {
                return;
            }
            if (armed != null) {
                armed.cancel(false);
            }
            armedAtNanos = at;
            try {
                armed = timer.schedule(this::fire, millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                armed = null;
            }
        }
    }

    private void fire() {
        synchronized (this) {
            armed = null;
        }
        baton();
    }

    /**
     * Runs an action later on the timer thread (it must only hand work off).
     *
     * @param action the action
     * @param millis the delay
     * @return the scheduled action, to cancel; {@code null} when shutting down
     */
    ScheduledFuture<?> schedule(Runnable action, long millis) {
        try {
            return timer.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("Queue timer action failed", e);
                }
            }, Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
