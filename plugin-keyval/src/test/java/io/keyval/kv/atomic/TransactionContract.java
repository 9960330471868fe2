package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvTransaction;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.TransactionOptions;
import io.keyval.kv.TransactionResult;
import io.keyval.kv.testing.StoreFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@code kv.transaction} on a real store, per engine; waits are recorded, not slept. */
abstract class TransactionContract extends StoreFixture {

    private final List<Long> sleeps = new ArrayList<>();

    private TransactionRunner runner() {
        sleeps.clear();
        return new TransactionRunner(store, request -> AtomicCommit.run(store, request), sleeps::add,
                RandomGenerator.getDefault());
    }

    @Test
    void successReturnsValueAndVersionstamp() {
        Key a = k("a");
        kv.set(a, 41);
        TransactionResult<Long> r = kv.transaction(tx -> {
            long n = tx.get(a, Long.class).value() + 1;
            tx.set(a, n);
            tx.sum(k("count"), 1);
            return n;
        }, TransactionOptions.defaults());
        assertEquals(new TransactionResult<>(true, 42L, store.get(a).versionstamp(), null, null), r);
        assertEquals("42", json(a));
        assertEquals(r.versionstamp(), store.get(k("count")).versionstamp());
    }

    @Test
    void readsAreCachedAndWritesBuffered() {
        Key a = k("a");
        TransactionResult<List<Boolean>> r = kv.transaction(tx -> {
            tx.set(a, 1);
            boolean seesOwnWrite = tx.get(a).exists();
            tx.sum(a, 1);
            return List.of(seesOwnWrite, tx.getMany(List.of(a, a)).get(1).exists());
        }, TransactionOptions.defaults());
        assertTrue(r.ok());
        assertEquals(List.of(false, false), r.value(), "no read-your-writes");
        assertEquals("2", json(a), "buffered writes applied in order");
    }

    @Test
    void conflictRetriesWithExponentialBackoffThenGivesUp() {
        Key a = k("a");
        AtomicInteger attempts = new AtomicInteger();
        TransactionResult<Object> r = runner().run(tx -> {
            attempts.incrementAndGet();
            tx.get(a); // absent: recorded as a "must be absent" check...
            kv.set(a, attempts.get()); // ...that another writer breaks before the commit
            tx.set(a, "mine");
            return "never";
        }, new TransactionOptions(3, Duration.ofMillis(10)));
        assertEquals(new TransactionResult<>(false, null, null, "conflict", null), r);
        assertEquals(4, attempts.get(), "first attempt plus 3 retries");
        assertEquals(3, sleeps.size());
        for (int i = 0; i < 3; i++) {
            long base = 10L << i;
            assertTrue(sleeps.get(i) >= base && sleeps.get(i) < base + 10, "attempt " + i + ": " + sleeps.get(i));
        }
        assertEquals("4", json(a), "the conflicting transaction wrote nothing");
    }

    @Test
    void conflictThenSuccessRerunsTheBodyWithAFreshContext() {
        Key a = k("a");
        kv.set(a, 0);
        AtomicInteger attempts = new AtomicInteger();
        TransactionResult<Integer> r = runner().run(tx -> {
            KvEntry<Integer> e = tx.get(a, Integer.class);
            if (attempts.incrementAndGet() < 3) {
                kv.set(a, e.value() + 10);
            }
            tx.set(a, e.value() + 1);
            return e.value() + 1;
        }, TransactionOptions.defaults().maxRetries(5));
        assertTrue(r.ok());
        assertEquals(21, r.value());
        assertEquals("21", json(a));
        assertEquals(2, sleeps.size());
    }

    @Test
    void bodyExceptionIsReportedWithoutRetryAndWritesNothing() {
        Key a = k("a");
        AtomicInteger attempts = new AtomicInteger();
        TransactionResult<Object> r = runner().run(tx -> {
            attempts.incrementAndGet();
            tx.set(a, 1);
            throw new IllegalStateException("boom");
        }, TransactionOptions.defaults().maxRetries(5));
        assertEquals(new TransactionResult<>(false, null, null, "error", "boom"), r);
        assertEquals(1, attempts.get());
        assertTrue(sleeps.isEmpty());
        assertNull(json(a));
    }

    @Test
    void commitExceptionIsReportedLikeABodyException() {
        Key a = k("a");
        kv.set(a, "text");
        TransactionResult<Object> r = kv.transaction(tx -> {
            tx.set(k("b"), 1);
            tx.sum(a, 1);
            return null;
        }, TransactionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("error", r.error());
        assertTrue(r.message().startsWith("Invalid mutation at index 1: sum needs"), r.message());
        assertNull(json(k("b")));
    }

    @Test
    void contextIsUnusableAfterTheAttempt() {
        AtomicReference<KvTransaction> leaked = new AtomicReference<>();
        assertTrue(kv.transaction(tx -> {
            leaked.set(tx);
            return 1;
        }, TransactionOptions.defaults()).ok());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.get().get(k("a")));
        assertEquals("Transaction already committed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> leaked.get().set(k("a"), 1));
        assertThrows(IllegalStateException.class, () -> leaked.get().sum(k("a"), 1));
        assertNull(json(k("a")));
    }

    @Test
    void negativeOptionsAreRejected() {
        assertThrows(KvValidationException.class,
                () -> kv.transaction(tx -> 1, new TransactionOptions(-1, Duration.ZERO)));
        assertThrows(KvValidationException.class,
                () -> kv.transaction(tx -> 1, new TransactionOptions(0, Duration.ofMillis(-1))));
    }
}
