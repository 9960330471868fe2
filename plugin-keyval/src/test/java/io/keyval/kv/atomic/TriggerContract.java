package io.keyval.kv.atomic;

import io.keyval.kv.testing.StoreFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvChange;
import io.keyval.kv.KvValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Triggers ({@link io.keyval.kv.Kv#addTrigger}) per engine. Handlers are asynchronous: tests wait for events (the timeout only
 * turns a missing event into a failure) and prove absence by waiting for a later sentinel event, since
 * events arrive in commit order.
 */
abstract class TriggerContract extends StoreFixture {

    private static final Set<KvChange.Type> ALL = EnumSet.allOf(KvChange.Type.class);

    private final List<Kv.Subscription> subscriptions = new ArrayList<>();

    private BlockingQueue<KvChange> subscribe(Key prefix, Set<KvChange.Type> events) {
        BlockingQueue<KvChange> q = new LinkedBlockingQueue<>();
        subscriptions.add(kv.addTrigger(prefix, events, q::add));
        return q;
    }

    private static KvChange next(BlockingQueue<KvChange> q) throws InterruptedException {
        KvChange c = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(c, "expected an event");
        return c;
    }

    /** Writes a sentinel below {@code root} and drains {@code q} up to it: what came before. */
    private List<KvChange> drainUntilSentinel(BlockingQueue<KvChange> q) throws InterruptedException {
        Key sentinel = k("~sentinel", System.nanoTime());
        kv.set(sentinel, true);
        List<KvChange> seen = new ArrayList<>();
        for (KvChange c = next(q); !c.key().equals(sentinel); c = next(q)) {
            seen.add(c);
        }
        return seen;
    }

    @org.junit.jupiter.api.AfterEach
    void unsubscribe() {
        subscriptions.forEach(Kv.Subscription::close);
    }

    @Test
    void oneEventPerChangedEntryWithTheStoredValue() throws Exception {
        BlockingQueue<KvChange> q = subscribe(root, ALL);
        kv.set(k("n"), 10);
        kv.set(k("list"), List.of(1));
        CommitResult r = kv.atomic()
                .sum(k("n"), 5)
                .append(k("list"), List.of(2))
                .set(k("s"), "v")
                .delete(k("s"))
                .delete(k("missing"))
                .commit();
        next(q);
        next(q);
        List<KvChange> events = drainUntilSentinel(q);
        assertEquals(List.of(
                new KvChange(KvChange.Type.SET, k("n"), tree("15"), r.versionstamp()),
                new KvChange(KvChange.Type.SET, k("list"), tree("[1,2]"), r.versionstamp()),
                new KvChange(KvChange.Type.SET, k("s"), tree("\"v\""), r.versionstamp()),
                new KvChange(KvChange.Type.DELETE, k("s"), null, r.versionstamp())), events);
    }

    @Test
    void prefixDeleteFiresOncePerRemovedEntry() throws Exception {
        kv.set(k("p"), 1);
        kv.set(k("p", "a"), 2);
        kv.set(k("p", "b"), 3);
        kv.set(k("~end"), true);
        BlockingQueue<KvChange> q = subscribe(root, EnumSet.of(KvChange.Type.DELETE));
        assertEquals(3, kv.delete(k("p")));
        kv.delete(k("~end"));
        List<KvChange> events = new ArrayList<>();
        for (KvChange c = next(q); !c.key().equals(k("~end")); c = next(q)) {
            events.add(c);
        }
        assertEquals(List.of(k("p"), k("p", "a"), k("p", "b")), events.stream().map(KvChange::key).toList());
        assertTrue(events.stream().allMatch(e -> e.type() == KvChange.Type.DELETE && e.value() == null));
    }

    @Test
    void prefixAndEventTypeFilter() throws Exception {
        BlockingQueue<KvChange> everything = subscribe(Key.of(), ALL);
        BlockingQueue<KvChange> users = subscribe(k("users"), ALL);
        BlockingQueue<KvChange> deletes = subscribe(root, EnumSet.of(KvChange.Type.DELETE));
        kv.set(k("users"), "the prefix itself");
        kv.set(k("users", 1), "child");
        kv.set(k("usersX"), "sibling");
        kv.set(k("other"), 1);
        kv.delete(k("other"));
        kv.set(k("~end"), true);
        assertEquals(List.of(k("users"), k("users", 1)), drainKeys(users, 2));
        assertEquals(List.of(k("other")), drainKeys(deletes, 1));
        List<Key> all = new ArrayList<>();
        for (KvChange c = next(everything); !c.key().equals(k("~end")); c = next(everything)) {
            all.add(c.key());
        }
        assertEquals(List.of(k("users"), k("users", 1), k("usersX"), k("other"), k("other")), all);
        assertTrue(users.isEmpty());
        assertTrue(deletes.isEmpty());
    }

    private static List<Key> drainKeys(BlockingQueue<KvChange> q, int n) throws InterruptedException {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(next(q).key());
        }
        return keys;
    }

    @Test
    void unsubscribeStopsEventsAndIsIdempotent() throws Exception {
        BlockingQueue<KvChange> gone = new LinkedBlockingQueue<>();
        Kv.Subscription s = kv.addTrigger(root, ALL, gone::add);
        BlockingQueue<KvChange> stays = subscribe(root, ALL);
        kv.set(k("a"), 1);
        assertEquals(k("a"), next(gone).key());
        s.close();
        s.close();
        kv.set(k("b"), 2);
        assertEquals(List.of(k("a"), k("b")), drainUntilSentinel(stays).stream().map(KvChange::key).toList());
        assertTrue(gone.isEmpty());
    }

    @Test
    void failingHandlerDoesNotStopOthersOrLaterEvents() throws Exception {
        subscriptions.add(kv.addTrigger(root, ALL, c -> {
            throw new IllegalStateException("handler bug");
        }));
        BlockingQueue<KvChange> q = subscribe(root, ALL);
        kv.set(k("a"), 1);
        kv.set(k("b"), 2);
        assertEquals(List.of(k("a"), k("b")), drainUntilSentinel(q).stream().map(KvChange::key).toList());
    }

    @Test
    void ttlExpiryFiresNothing() throws Exception {
        BlockingQueue<KvChange> q = subscribe(root, ALL);
        kv.set(k("ttl"), 1, Duration.ofMillis(10));
        assertEquals(k("ttl"), next(q).key());
        clock.advance(10);
        assertTrue(store.purgeExpired() >= 1);
        assertEquals(List.of(), drainUntilSentinel(q));
        assertNull(json(k("ttl")));
    }

    @Test
    void aTriggerNeedsEvents() {
        assertThrows(KvValidationException.class, () -> kv.addTrigger(root, Set.of(), c -> { }));
    }
}
