package io.keyval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a body on several threads that start together, and times them from start to the last finish. */
final class Parallel {

    /** One thread's share of the work. */
    @FunctionalInterface
    interface Body {
        /** @param thread 0 .. threads-1 */
        void run(int thread) throws Exception;
    }

    private Parallel() {
    }

    /**
     * @param threads the number of threads
     * @param body the work of each thread
     * @return the wall-clock nanoseconds from the common start until every thread finished
     * @throws Exception the first failure of any thread (the others still run to their end)
     */
    static long run(int threads, Body body) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    body.run(index);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + t);
            thread.start();
            started.add(thread);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw failure.get();
        }
        return elapsed;
    }
}
