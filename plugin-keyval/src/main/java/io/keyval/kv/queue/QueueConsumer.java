package io.keyval.kv.queue;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of this host: takes messages while it has room for them, then parks in the
 * {@link Wakeups} until a message may be deliverable. It holds no thread while parked; its passes run
 * on the queue's workers, one at a time (a request during a pass runs one more pass after it).
 */
abstract class QueueConsumer implements Wakeups.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUN_AGAIN = 2;
    /** After a failed dequeue (database down), the consumer looks again this much later. */
    private static final long RETRY_MILLIS = 1000;

    protected final QueueService queue;
    private final Executor workers;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile boolean baton;
    private volatile Thread runner;

    QueueConsumer(QueueService queue, Executor workers) {
        this.queue = queue;
        this.workers = workers;
    }

    /** @return whether it still takes messages */
    abstract boolean open();

    /** @return whether it has room for one more message */
    abstract boolean hasRoom();

    /**
     * Hands a taken message to its consumer (may block, on the worker).
     *
     * @param d the message
     * @return the id of a message to ack together with the next dequeue (one commit for both), or
     *     {@code null}
     */
    abstract String deliver(Delivery d);

    /** Asks for a pass: on a worker now, or once more after the pass under way. */
    final void request() {
        while (true) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, RUNNING)) {
                    try {
                        workers.execute(this::pass);
                    } catch (RejectedExecutionException closed) {
                        state.set(IDLE); // the queue is shutting down
                        finished();
                    }
                    return;
                }
            } else if (s == RUNNING) {
                if (state.compareAndSet(RUNNING, RUN_AGAIN)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    @Override
    public final void wake(boolean passBaton) {
        if (!open() || !hasRoom()) {
            // Stopped, or filled by a pass of its own since it parked: the signal is someone else's.
            if (passBaton) {
                queue.wakeups().baton();
            } else {
                queue.wakeups().ready(1);
            }
            return;
        }
        if (passBaton) {
            baton = true;
        }
        request();
    }

    private void pass() {
        runner = Thread.currentThread();
        // A pass started by anything but a wake-up (an ack, a lock expiry) may fill the consumer:
        // it is idle again only if this pass parks it.
        queue.wakeups().unpark(this);
        try {
            do {
                state.set(RUNNING);
                takeWhileRoom();
            } while (!state.compareAndSet(RUNNING, IDLE));
        } catch (RuntimeException | Error e) {
            // A bug, not a database failure (those are handled below): the consumer must not die of it.
            LOG.error("Queue consumer pass failed (looking again in {} ms)", RETRY_MILLIS, e);
            state.set(IDLE);
            queue.wakeups().schedule(this::request, RETRY_MILLIS);
        } finally {
            runner = null;
            finished();
        }
    }

    private void takeWhileRoom() {
        Wakeups wakeups = queue.wakeups();
        String ack = null; // handled, acked with the next dequeue
        try {
            while (open() && hasRoom()) {
                long seen = wakeups.generation();
                long start = System.nanoTime();
                Delivery d;
                try {
                    d = ack == null ? queue.take() : queue.ackAndTake(ack);
                    ack = null;
                } catch (RuntimeException e) {
                    LOG.warn("Dequeue failed (trying again in {} ms): {}", RETRY_MILLIS, e.toString());
                    wakeups.schedule(this::request, RETRY_MILLIS);
                    return;
                }
                if (d == null) {
                    baton = false;
                    queue.armForNextDue();
                    if (wakeups.park(this, seen)) {
                        return;
                    }
                    continue;
                }
                queue.countDelivery(start);
                if (baton) {
                    baton = false;
                    wakeups.baton(); // more may be deliverable: the next idle consumer looks
                }
                ack = deliver(d);
            }
        } finally {
            if (ack != null) {
                queue.ackHandledAlone(ack); // stopped, or the dequeue failed: the ack goes on its own
            }
        }
    }

    private synchronized void finished() {
        notifyAll();
    }

    /**
     * Waits for the pass under way (unless called from it), then leaves the idle consumers: call it
     * once {@link #open()} is false, so that no later pass parks it again.
     */
    final void stopAndAwait() {
        if (Thread.currentThread() != runner) {
            synchronized (this) {
                while (state.get() != IDLE) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        queue.wakeups().unpark(this);
    }
}
