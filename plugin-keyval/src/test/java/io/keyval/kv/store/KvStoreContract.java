package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.Filter;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.ListOptions;
import io.keyval.kv.Page;
import io.keyval.kv.PageOptions;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.commit.WriteContext;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.testing.StoreFixture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the store (keys, values, TTL, lists and filters through the Java API), run against every engine
 * by a subclass per engine. One store per class; every test works below its own root key.
 */
abstract class KvStoreContract extends StoreFixture {

    record User(String name, int age) {
    }

    private List<Key> keys(List<? extends KvEntry<?>> entries) {
        return entries.stream().map(KvEntry::key).toList();
    }

    @Test
    void setThenGetRoundTripsValuesExactly() {
        kv.set(k("obj"), java.util.Map.of("name", "Ada"));
        store.set(k("num"), JsonValues.compact("1.10".getBytes(StandardCharsets.UTF_8)), null);
        store.set(k("big"), JsonValues.compact("123456789012345678901234567890".getBytes(StandardCharsets.UTF_8)), null);
        store.set(k("null"), JsonValues.compact("null".getBytes(StandardCharsets.UTF_8)), null);

        assertEquals("Ada", kv.get(k("obj")).value().get("name").asText());
        assertEquals("1.10", store.get(k("num")).json());
        assertEquals("123456789012345678901234567890", store.get(k("big")).json());
        KvEntry<JsonNode> nul = kv.get(k("null"));
        assertTrue(nul.value().isNull());
        assertNotNull(nul.versionstamp(), "a stored null is an entry");
    }

    @Test
    void typedReadsConvertValues() {
        kv.set(k("u"), new User("Ada", 36));
        assertEquals(new User("Ada", 36), kv.get(k("u"), User.class).value());
        assertEquals(List.of(new User("Ada", 36)),
                kv.list(root, ListOptions.defaults(), User.class).stream().map(KvEntry::value).toList());
    }

    @Test
    void absentKeyHasNullVersionstamp() {
        KvEntry<JsonNode> e = kv.get(k("missing"));
        assertNull(e.versionstamp());
        assertNull(e.value());
        assertEquals(k("missing"), e.key());
    }

    @Test
    void versionstampsAreTwentyHexAndStrictlyIncreasing() {
        String previous = "";
        for (int i = 0; i < 20; i++) {
            String vs = kv.set(k(i), i).versionstamp();
            assertTrue(vs.matches("[0-9a-f]{20}"), vs);
            assertTrue(vs.compareTo(previous) > 0, vs + " after " + previous);
            previous = vs;
        }
        assertEquals(previous, kv.get(k(19)).versionstamp());
    }

    @Test
    void ttlHidesEntriesFromEveryReadAtExpiry() {
        kv.set(k("a"), 1, Duration.ofMillis(1000));
        kv.set(k("b"), 2);
        clock.advance(999);
        assertTrue(kv.get(k("a")).exists());
        clock.advance(1);
        assertFalse(kv.get(k("a")).exists());
        assertFalse(kv.getMany(List.of(k("a"))).get(0).exists());
        List<KvEntry<JsonNode>> both = kv.getMany(List.of(k("a"), k("b")));
        assertFalse(both.get(0).exists());
        assertTrue(both.get(1).exists());
        assertEquals(List.of(k("b")), keys(kv.list(root, ListOptions.defaults())));
        assertEquals(1, kv.count(root));
        assertEquals(1, kv.paginate(root, PageOptions.defaults()).entries().size());
    }

    @Test
    void setWithoutTtlRemovesThePreviousTtl() {
        kv.set(k("a"), 1, Duration.ofMillis(10));
        kv.set(k("a"), 2);
        clock.advance(60_000);
        assertEquals(2, kv.get(k("a")).value().asInt());
    }

    @Test
    void purgeRemovesExpiredRowsOnly() {
        kv.set(k("gone"), 1, Duration.ofMillis(5));
        kv.set(k("kept"), 2, Duration.ofMillis(50_000));
        clock.advance(10);
        assertTrue(store.purgeExpired() >= 1);
        assertEquals(List.of(k("kept")), keys(kv.list(root, ListOptions.defaults())));
        clock.advance(-10);
        assertFalse(kv.get(k("gone")).exists(), "purged rows are gone even for an earlier clock");
    }

    @Test
    void deleteRemovesKeyAndDescendantsByDefault() {
        kv.set(k("a"), 1);
        kv.set(k("a", "x"), 2);
        kv.set(k("a", "x", "y"), 3);
        kv.set(k("b"), 4);
        assertEquals(3, kv.delete(k("a")));
        assertEquals(List.of(k("b")), keys(kv.list(root, ListOptions.defaults())));
    }

    @Test
    void exactDeleteRemovesOnlyTheKey() {
        kv.set(k("a"), 1);
        kv.set(k("a", "x"), 2);
        assertEquals(1, kv.delete(k("a"), DeleteOptions.exactKey()));
        assertEquals(0, kv.delete(k("a"), DeleteOptions.exactKey()));
        assertEquals(List.of(k("a", "x")), keys(kv.list(root, ListOptions.defaults())));
    }

    @Test
    void deleteCountsOnlyLiveEntriesAndRemovesExpiredToo() {
        kv.set(k("a"), 1);
        kv.set(k("a", 1), 1, Duration.ofMillis(5));
        clock.advance(10);
        assertEquals(1, kv.delete(k("a")));
        assertEquals(0, store.purgeExpired(), "the expired row went with the prefix delete");
    }

    @Test
    void filteredDeleteRemovesOnlyMatchingLiveEntries() {
        kv.set(k("u", 1), java.util.Map.of("active", true));
        kv.set(k("u", 2), java.util.Map.of("active", false));
        kv.set(k("u", 3), java.util.Map.of("other", 1));
        long n = kv.delete(k("u"), DeleteOptions.defaults().where(Filter.parse("{\"active\": false}")));
        assertEquals(1, n);
        assertEquals(List.of(k("u", 1), k("u", 3)), keys(kv.list(k("u"), ListOptions.defaults())));
        assertEquals(0, kv.delete(k("u", 1), new DeleteOptions(true, Filter.parse("{\"active\": false}"))));
        assertEquals(1, kv.delete(k("u", 1), new DeleteOptions(true, Filter.parse("{\"active\": true}"))));
    }

    @Test
    void listReturnsStrictDescendantsInKeyOrder() {
        kv.set(k("users"), 0);
        kv.set(k("users", "b"), 2);
        kv.set(k("users", "a", "x"), 3);
        kv.set(k("users", "a"), 1);
        kv.set(k("usersx"), 9);
        assertEquals(List.of(k("users", "a"), k("users", "a", "x"), k("users", "b")),
                keys(kv.list(k("users"), ListOptions.defaults())));
    }

    @Test
    void listHonoursStartEndReverseAndLimit() {
        for (int i = 0; i < 10; i++) {
            kv.set(k(i), i);
        }
        ListOptions o = ListOptions.defaults().start(k(3)).end(k(7));
        assertEquals(List.of(k(3), k(4), k(5), k(6)), keys(kv.list(root, o)));
        assertEquals(List.of(k(9), k(8)), keys(kv.list(root, ListOptions.defaults().reverse(true).limit(2))));
        assertEquals(List.of(k(6), k(5)), keys(kv.list(root, o.reverse(true).limit(2))));
        assertEquals(List.of(), kv.list(root, ListOptions.defaults().start(k(7)).end(k(3))));
        assertEquals(10, kv.list(root, ListOptions.defaults().limit(5000)).size(), "clamped, not rejected");
        assertThrows(KvValidationException.class, () -> kv.list(root, ListOptions.defaults().limit(0)));
    }

    @Test
    void whereAppliesBeforeLimit() {
        for (int i = 0; i < 10; i++) {
            kv.set(k(i), java.util.Map.of("even", i % 2 == 0));
        }
        List<KvEntry<JsonNode>> odd = kv.list(root,
                ListOptions.defaults().limit(3).where(Filter.parse("{\"even\": false}")));
        assertEquals(List.of(k(1), k(3), k(5)), keys(odd));
    }

    @Test
    void countCountsLiveStrictDescendants() {
        kv.set(k("c"), 0);
        for (int i = 0; i < 7; i++) {
            kv.set(k("c", i), i);
        }
        assertEquals(7, kv.count(k("c")));
        assertEquals(0, kv.count(k("nothing")));
    }

    @Test
    void paginateWalksEveryPageForwardAndBackward() {
        List<Key> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            kv.set(k(i), i);
            all.add(k(i));
        }
        assertEquals(all, walk(false));
        List<Key> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        assertEquals(reversed, walk(true));
    }

    private List<Key> walk(boolean reverse) {
        List<Key> seen = new ArrayList<>();
        String cursor = null;
        while (true) {
            Page<JsonNode> page = kv.paginate(root, PageOptions.defaults().limit(10).reverse(reverse).cursor(cursor));
            seen.addAll(keys(page.entries()));
            assertEquals(page.hasMore(), page.cursor() != null);
            if (!page.hasMore()) {
                return seen;
            }
            cursor = page.cursor();
        }
    }

    @Test
    void paginateRejectsForeignCursors() {
        assertThrows(KvValidationException.class,
                () -> kv.paginate(root, PageOptions.defaults().cursor("!!not-a-cursor!!")));
    }

    @Test
    void getManyAnswersInRequestOrderWithDuplicates() {
        kv.set(k("a"), 1);
        Key binary = k("bin", new byte[] {0, (byte) 0xff, '"', '\\', 1});
        kv.set(binary, 2);
        List<KvEntry<JsonNode>> got = kv.getMany(List.of(k("b"), k("a"), k("a"), binary));
        assertEquals(List.of(k("b"), k("a"), k("a"), binary), keys(got));
        assertFalse(got.get(0).exists());
        assertTrue(got.get(1).exists() && got.get(2).exists());
        assertEquals(2, got.get(3).value().asInt());
        List<Key> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(k(i));
        }
        assertThrows(KvValidationException.class, () -> kv.getMany(tooMany));
    }

    @Test
    void invalidKeysAreRejectedAndChangeNothing() {
        Object[] deep = new Object[21];
        java.util.Arrays.fill(deep, "x");
        assertThrows(KvValidationException.class, () -> kv.set(Key.of(deep), 1));
        assertThrows(KvValidationException.class, () -> kv.set(Key.of("x".repeat(1025)), 1));
        assertThrows(KvValidationException.class, () -> kv.set(Key.of(), 1));
        assertThrows(KvValidationException.class, () -> kv.set(k("ttl"), 1, Duration.ZERO));
        assertEquals(0, kv.count(Key.of("x".repeat(1024))));
        assertFalse(kv.get(k("ttl")).exists());
    }

    @Test
    void allFivePartTypesStoreAndSortTogether() {
        Key bytes = k(new byte[] {0, (byte) 0xFF});
        Key string = k("s");
        Key number = k(-1.5);
        Key bigint = k(new BigInteger("-123456789012345678901234567890"));
        Key bool = k(false);
        for (Key key : List.of(bool, number, bigint, string, bytes)) {
            kv.set(key, key.toString());
        }
        assertEquals(List.of(bytes, string, number, bigint, bool), keys(kv.list(root, ListOptions.defaults())));
        assertEquals(bigint.toString(), kv.get(bigint).value().asText());
    }

    @Test
    void concurrentWritersAllLandWithDistinctVersionstamps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> stamps = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                stamps.add(pool.submit(() -> kv.set(k(n), n).versionstamp()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> f : stamps) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(400, distinct.size());
            assertEquals(400, kv.count(root));
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable failureOf(Future<Object> f) {
        return assertThrows(ExecutionException.class, f::get).getCause();
    }

    @Test
    void aRejectedCommitInAGroupLeavesTheOthersApplied() throws Exception {
        kv.set(k("taken"), 1);
        List<WriteCommand<?>> commits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            commits.add(ctx -> {
                ctx.put(k("ok", n), String.valueOf(n), null);
                return null;
            });
        }
        commits.add(ctx -> {
            ctx.put(k("bad"), "1", null);
            throw new KvValidationException("rejected on purpose");
        });
        // A statement that fails in the database (NOT NULL violation), after a write of its own.
        commits.add(ctx -> {
            ctx.put(k("half"), "1", null);
            ctx.put(k("null-value"), null, null);
            return null;
        });
        // An atomic commit whose check fails inside the transaction (the key exists, null expected).
        commits.add(new io.keyval.kv.atomic.AtomicCommit(new io.keyval.kv.atomic.AtomicRequest(
                List.of(new io.keyval.kv.atomic.Check(k("taken"), null)),
                List.of(new io.keyval.kv.atomic.Mutation(io.keyval.kv.atomic.Mutation.Type.SET,
                        k("checked"), JsonValues.tree("true"), null))), store.recentWrites()));

        List<Future<Object>> outcomes = asOneGroup(commits);

        for (int i = 0; i < 4; i++) {
            outcomes.get(i).get();
        }
        assertTrue(failureOf(outcomes.get(4)) instanceof KvValidationException);
        assertNotNull(failureOf(outcomes.get(5)));
        assertFalse(kv.get(k("half")).exists(), "the failed statement's commit was rolled back whole");
        assertFalse(((io.keyval.kv.CommitResult) outcomes.get(6).get()).ok());
        assertFalse(kv.get(k("checked")).exists());
        assertEquals(4, kv.count(k("ok")));
        assertFalse(kv.get(k("bad")).exists(), "the rejected commit's write was rolled back");
    }

    @Test
    void commitsOfOneGroupReadTheWritesOfTheCommitsBeforeThem() throws Exception {
        kv.set(k("n"), 0);
        List<WriteCommand<?>> sums = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sums.add(new io.keyval.kv.atomic.AtomicCommit(new io.keyval.kv.atomic.AtomicRequest(List.of(),
                    List.of(new io.keyval.kv.atomic.Mutation(io.keyval.kv.atomic.Mutation.Type.SUM, k("n"),
                            JsonValues.tree("1"), null))), store.recentWrites()));
        }

        List<Future<Object>> outcomes = asOneGroup(sums);

        Set<String> stamps = new HashSet<>();
        for (Future<Object> f : outcomes) {
            stamps.add(((io.keyval.kv.CommitResult) f.get()).versionstamp());
        }
        assertEquals(5, stamps.size());
        assertEquals("5", store.get(k("n")).json(), "every sum read the value the one before it wrote");
    }

    @Test
    void commitsOfOneGroupTreatAnExpiredEntryAsAbsent() throws Exception {
        kv.set(k("e"), 5, Duration.ofMillis(1000));
        clock.advance(1000);
        List<WriteCommand<?>> sums = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sums.add(new io.keyval.kv.atomic.AtomicCommit(new io.keyval.kv.atomic.AtomicRequest(List.of(),
                    List.of(new io.keyval.kv.atomic.Mutation(io.keyval.kv.atomic.Mutation.Type.SUM, k("e"),
                            JsonValues.tree("1"), null))), store.recentWrites()));
        }

        for (Future<Object> f : asOneGroup(sums)) {
            assertTrue(((io.keyval.kv.CommitResult) f.get()).ok());
        }

        assertEquals("2", store.get(k("e")).json(), "the sums started from nothing, not from the expired 5");
    }

    @Test
    void aReadAfterARangeDeleteInTheSameGroupSeesTheDeletion() throws Exception {
        kv.set(k("r", "x"), 10);
        kv.set(k("r", "y"), 20);
        // Both commits announce the keys, so the group reads them up front.
        WriteCommand<StoredEntry> deleteThenRead = new WriteCommand<>() {
            @Override
            public StoredEntry apply(WriteContext ctx) throws java.sql.SQLException {
                ctx.deleteRange(KeyRange.descendants(k("r")), null);
                return ctx.readLive(k("r", "x"));
            }

            @Override
            public List<Key> keysRead() {
                return List.of(k("r", "x"), k("r", "y"));
            }
        };
        WriteCommand<StoredEntry> read = new WriteCommand<>() {
            @Override
            public StoredEntry apply(WriteContext ctx) throws java.sql.SQLException {
                return ctx.readLive(k("r", "y"));
            }

            @Override
            public List<Key> keysRead() {
                return List.of(k("r", "y"));
            }
        };

        List<Future<Object>> outcomes = asOneGroup(List.of(deleteThenRead, read));

        assertFalse(((StoredEntry) outcomes.get(0).get()).exists());
        StoredEntry y = (StoredEntry) outcomes.get(1).get();
        assertTrue(!y.exists() || y.json().equals("20"), "y as before or after the delete, whichever ran first");
        assertEquals(0, kv.count(k("r")));
    }

    @Test
    void aFailedWriteThatSurfacesInAnotherCommitsStatementFailsOnlyItsOwnCommit() throws Exception {
        kv.set(k("gone"), 1);
        WriteCommand<?> failing = ctx -> {
            ctx.put(k("null-value"), null, null); // NOT NULL violation, raised when the upserts are sent
            return null;
        };
        WriteCommand<?> deleting = ctx -> {
            ctx.put(k("kept"), "1", null);
            return ctx.deleteExact(k("gone")); // sends the upserts queued before it, maybe the failing one
        };

        List<Future<Object>> outcomes = asOneGroup(List.of(failing, deleting));

        assertNotNull(failureOf(outcomes.get(0)));
        assertEquals(true, outcomes.get(1).get());
        assertTrue(kv.get(k("kept")).exists());
        assertFalse(kv.get(k("gone")).exists());
    }
}
