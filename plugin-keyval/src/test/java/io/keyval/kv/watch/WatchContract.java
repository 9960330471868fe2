package io.keyval.kv.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.WatchOptions;
import io.keyval.kv.testing.StoreFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Watch through the Java API ({@code kv.watch}, {@code kv.watchPrefix}): snapshot, changes pushed by
 * every kind of write, coalescing, expiry by timer, prefix windows, and a slow listener that holds up
 * nothing.
 */
abstract class WatchContract extends StoreFixture {

    /** What a listener received, batch by batch, and the latest state it saw per key. */
    static final class Received implements Consumer<List<KvEntry<JsonNode>>> {
        final List<List<KvEntry<JsonNode>>> batches = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        private final Map<Key, KvEntry<JsonNode>> latest = new HashMap<>();

        @Override
        public synchronized void accept(List<KvEntry<JsonNode>> batch) {
            batches.add(batch);
            threads.add(Thread.currentThread().getName());
            batch.forEach(e -> latest.put(e.key(), e));
            notifyAll();
        }

        /** Waits until the latest states satisfy {@code condition}. */
        synchronized void await(Predicate<Map<Key, KvEntry<JsonNode>>> condition, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.test(latest)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; received " + batches);
                }
                wait(left);
            }
        }

        synchronized KvEntry<JsonNode> latest(Key key) {
            return latest.get(key);
        }
    }

    static Predicate<Map<Key, KvEntry<JsonNode>>> value(Key key, String json) {
        return m -> m.containsKey(key) && m.get(key).value() != null && m.get(key).value().toString().equals(json);
    }

    private static Predicate<Map<Key, KvEntry<JsonNode>>> gone(Key key) {
        return m -> m.containsKey(key) && m.get(key).value() == null && m.get(key).versionstamp() == null;
    }

    @Test
    void theFirstCallIsTheSnapshotInKeyOrderThenEveryKindOfWriteArrives() throws Exception {
        kv.set(k("a"), 1);
        Received got = new Received();
        try (Kv.Subscription s = kv.watch(List.of(k("a"), k("b"), k("a")), WatchOptions.defaults(), got)) {
            got.await(m -> m.size() == 2, "the snapshot");
            List<KvEntry<JsonNode>> first = got.batches.get(0);
            assertEquals(List.of(k("a"), k("b")), first.stream().map(KvEntry::key).toList(), "duplicates once, in order");
            assertEquals("1", first.get(0).value().toString());
            assertNull(first.get(1).value());
            assertNull(first.get(1).versionstamp());

            kv.set(k("b"), "x");
            got.await(value(k("b"), "\"x\""), "a set");
            kv.atomic().sum(k("a"), 5).commit();
            got.await(value(k("a"), "6"), "an atomic sum, as stored");
            kv.delete(k("b"), DeleteOptions.exactKey());
            got.await(gone(k("b")), "a delete");
            kv.set(k("b"), 2);
            kv.delete(k(), DeleteOptions.defaults()); // a prefix delete removes both
            got.await(gone(k("a")).and(gone(k("b"))), "a prefix delete");
            assertTrue(got.threads.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                    "listeners never run on the committing thread");
        }
    }

    @Test
    void withoutInitialOnlyLaterChangesArrive() throws Exception {
        kv.set(k("a"), 1);
        Received got = new Received();
        try (Kv.Subscription s = kv.watch(List.of(k("a")), WatchOptions.defaults().initial(false), got)) {
            kv.set(k("a"), 2);
            got.await(value(k("a"), "2"), "the set");
            assertEquals(1, got.batches.get(0).size());
            assertEquals("2", got.batches.get(0).get(0).value().toString(), "no snapshot before it");
        }
    }

    @Test
    void anExpiryIsReportedByItsTimerWithoutAnyOtherWrite() throws Exception {
        kv.set(k("t"), "soon", Duration.ofMillis(300));
        Received got = new Received();
        try (Kv.Subscription s = kv.watch(List.of(k("t")), WatchOptions.defaults(), got)) {
            got.await(value(k("t"), "\"soon\""), "the snapshot");
            clock.advance(300); // reads now see it expired; the timer fires 300 ms after it was set
            got.await(gone(k("t")), "the expiry");
        }
    }

    @Test
    void aPrefixWatchFollowsItsWindowAndReportsOnlyRealDeletions() throws Exception {
        kv.set(k("p", 1), 1);
        kv.set(k("p", 2), 2);
        kv.set(k("p", 3), 3);
        Received got = new Received();
        try (Kv.Subscription s = kv.watchPrefix(k("p"), WatchOptions.defaults().limit(2), got)) {
            got.await(m -> m.size() == 2, "the window");
            assertEquals(List.of(k("p", 1), k("p", 2)), got.batches.get(0).stream().map(KvEntry::key).toList());

            kv.set(k("p", 0), 0); // enters the window and pushes k(p,2) out: not a deletion
            got.await(value(k("p", 0), "0"), "a new key in the window");
            kv.set(k("p", 9), 9); // beyond the window
            kv.delete(k("p", 1), DeleteOptions.exactKey()); // leaves a full window: k(p,2) moves back in
            got.await(gone(k("p", 1)).and(value(k("p", 2), "2")), "the deletion, then the refilled window");
            assertTrue(got.batches.stream().flatMap(List::stream).noneMatch(e -> e.key().equals(k("p", 2))
                    && e.value() == null), "k(p,2) left the window but was never reported deleted");
            assertNull(got.latest(k("p", 9)), "beyond the window");
        }
    }

    @Test
    void aWriteConcurrentWithTheSubscriptionIsNeverMissed() throws Exception {
        Key key = k("race");
        int writes = 300;
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= writes; i++) {
                kv.set(key, i);
            }
        });
        writer.start();
        Received got = new Received();
        try (Kv.Subscription s = kv.watch(List.of(key), WatchOptions.defaults(), got)) {
            writer.join();
            got.await(value(key, Integer.toString(writes)), "the last write");
        }
    }

    @Test
    void aStalledListenerHoldsUpNeitherCommitsNorOtherWatches() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Received stalledGot = new Received();
        Received other = new Received();
        try (Kv.Subscription stalled = kv.watch(List.of(k("hot")), WatchOptions.defaults().initial(false), batch -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stalledGot.accept(batch);
            });
                Kv.Subscription fine = kv.watch(List.of(k("hot")), WatchOptions.defaults().initial(false), other)) {
            for (int i = 1; i <= 500; i++) {
                kv.set(k("hot"), i);
            }
            other.await(value(k("hot"), "500"), "every write, to the other watch");
            release.countDown();
            stalledGot.await(value(k("hot"), "500"), "the last write, once released");
            assertTrue(stalledGot.batches.size() <= 3, "coalesced while stalled: " + stalledGot.batches.size() + " calls");
        }
    }

    @Test
    void closedWatchesReceiveNothingAndBadInputIsRefused() throws Exception {
        Received got = new Received();
        Kv.Subscription s = kv.watch(List.of(k("c")), WatchOptions.defaults().initial(false), got);
        s.close();
        s.close();
        kv.set(k("c"), 1);
        Received witness = new Received();
        try (Kv.Subscription w = kv.watch(List.of(k("c")), WatchOptions.defaults().initial(false), witness)) {
            kv.set(k("c"), 2);
            witness.await(value(k("c"), "2"), "a later write to a live watch");
        }
        assertTrue(got.batches.isEmpty(), got.batches::toString);
        assertThrows(KvValidationException.class, () -> kv.watch(List.of(), WatchOptions.defaults(), got));
        assertThrows(KvValidationException.class, () -> kv.watch(List.of(Key.of()), WatchOptions.defaults(), got));
        List<Key> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(k(i));
        }
        assertThrows(KvValidationException.class, () -> kv.watch(tooMany, WatchOptions.defaults(), got));
        assertEquals(0, watches.openWatches(), "no watch left open");
    }
}
