package io.keyval.kv.atomic;

import io.keyval.kv.testing.StoreFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.TransactionOptions;
import io.keyval.kv.TransactionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * No lost updates under contention (docs/http-api.md §6): many committers on one key, per engine. The
 * measured rate is printed for the issue note; nothing asserts on time.
 */
abstract class AtomicConcurrencyContract extends StoreFixture {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    /** Runs {@code task} on {@code n} threads released together; returns their results. */
    private static <T> List<T> race(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readCheckIncrementWithRetryLosesNoUpdate() throws Exception {
        Key counter = k("counter");
        long started = System.nanoTime();
        List<int[]> perThread = race(THREADS, () -> {
            int commits = 0;
            int conflicts = 0;
            while (commits < PER_THREAD) {
                KvEntry<JsonNode> e = kv.get(counter);
                long n = e.exists() ? e.value().asLong() : 0;
                CommitResult r = kv.atomic().check(counter, e.versionstamp()).set(counter, n + 1).commit();
                if (r.ok()) {
                    commits++;
                } else {
                    conflicts++;
                }
            }
            return new int[] {commits, conflicts};
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        int commits = perThread.stream().mapToInt(a -> a[0]).sum();
        int conflicts = perThread.stream().mapToInt(a -> a[1]).sum();
        System.out.printf("[%s] read-check-increment: %d commits, %d conflicts in %.2f s = %.0f commits/s%n",
                engine(), commits, conflicts, seconds, commits / seconds);
        assertEquals(THREADS * PER_THREAD, commits);
        assertEquals(String.valueOf(commits), json(counter));
    }

    @Test
    void concurrentSumsAddUpExactly() throws Exception {
        Key counter = k("sum");
        long started = System.nanoTime();
        race(THREADS, () -> {
            for (int i = 0; i < PER_THREAD; i++) {
                kv.atomic().sum(counter, 1).commit();
            }
            return null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[%s] sum(+1): %d commits in %.2f s = %.0f commits/s%n",
                engine(), THREADS * PER_THREAD, seconds, THREADS * PER_THREAD / seconds);
        assertEquals(String.valueOf(THREADS * PER_THREAD), json(counter));
    }

    @Test
    void createIfAbsentHasExactlyOneWinner() throws Exception {
        Key lock = k("lock");
        int clients = 32;
        List<Integer> winners = race(clients, () -> {
            int me = (int) Thread.currentThread().getId();
            CommitResult r = kv.atomic().check(lock, null).set(lock, me).commit();
            return r.ok() ? me : null;
        }).stream().filter(w -> w != null).toList();
        assertEquals(1, winners.size(), "exactly one client creates the key");
        assertEquals(String.valueOf(winners.get(0)), json(lock));
    }

    @Test
    void transactionsWithRetryLoseNoUpdate() throws Exception {
        Key counter = k("tx");
        TransactionOptions retryHard = new TransactionOptions(10_000, Duration.ZERO);
        List<Integer> ok = race(4, () -> {
            int commits = 0;
            for (int i = 0; i < 50; i++) {
                TransactionResult<Long> r = kv.transaction(tx -> {
                    KvEntry<Long> e = tx.get(counter, Long.class);
                    long next = (e.exists() ? e.value() : 0) + 1;
                    tx.set(counter, next);
                    return next;
                }, retryHard);
                commits += r.ok() ? 1 : 0;
            }
            return commits;
        });
        assertEquals(200, ok.stream().mapToInt(Integer::intValue).sum());
        assertEquals("200", json(counter));
    }
}
