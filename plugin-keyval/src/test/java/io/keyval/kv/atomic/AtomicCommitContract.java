package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.ListOptions;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.testing.StoreFixture;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Atomic commits on a real store (docs/http-api.md §6), run per engine by a subclass. */
abstract class AtomicCommitContract extends StoreFixture {

    private static final Pattern UUID_V7 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private CommitResult commitJson(String body) {
        return store.pipeline().submit(new AtomicCommit(AtomicRequest.parse(tree(body)), store.recentWrites()));
    }

    private CommitResult mutate(String type, Key key, String value) {
        return commitJson("{\"mutations\":[{\"type\":\"" + type + "\",\"key\":" + keyJson(key)
                + (value == null ? "" : ",\"value\":" + value) + "}]}");
    }

    /**
     * Every mutation type on a missing, expired, JSON-null, right-typed and wrong-typed existing value.
     * {@code existing}: {@code -} missing, {@code ~json} expired, else the stored JSON. {@code expected}:
     * {@code -} absent afterwards, {@code !} rejected with 400 (value unchanged), else the stored JSON.
     */
    @ParameterizedTest(name = "{0} on {1} with {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "set     | -                | {\"a\":1}  | {\"a\":1}",
        "set     | ~5               | 7          | 7",
        "set     | null             | 7          | 7",
        "set     | \"x\"            | [1]        | [1]",
        "delete  | -                | `null`     | -",
        "delete  | ~5               | `null`     | -",
        "delete  | null             | `null`     | -",
        "delete  | [1,2]            | `null`     | -",
        "sum     | -                | 5          | 5",
        "sum     | ~10              | 5          | 5",
        "sum     | null             | 5          | 5",
        "sum     | 10               | 5          | 15",
        "sum     | 10               | \"-3\"     | 7",
        "sum     | 10               | 2.9        | 12",
        "sum     | 10               | -2.9       | 8",
        "sum     | 10.0             | 1          | 11",
        "sum     | 1.5              | 2          | 3.5",
        "sum     | {\"__type\":\"bigint\",\"value\":\"10\"} | 5 | {\"__type\":\"bigint\",\"value\":\"15\"}",
        "sum     | 10               | {\"__type\":\"bigint\",\"value\":\"5\"} | 15",
        "sum     | \"7\"            | 5          | !",
        "sum     | true             | 5          | !",
        "sum     | {\"a\":1}        | 5          | !",
        "sum     | [1]              | 5          | !",
        "max     | -                | 5          | 5",
        "max     | ~10              | 5          | 5",
        "max     | null             | 5          | 5",
        "max     | 10               | 5          | 10",
        "max     | 3                | 5          | 5",
        "max     | 5.5              | 5          | 5.5",
        "max     | {\"__type\":\"bigint\",\"value\":\"-9\"} | -10 | {\"__type\":\"bigint\",\"value\":\"-9\"}",
        "max     | \"x\"            | 5          | !",
        "min     | -                | 5          | 5",
        "min     | ~1               | 5          | 5",
        "min     | null             | 5          | 5",
        "min     | 10               | 5          | 5",
        "min     | 3                | 5          | 3",
        "min     | 5.5              | 5          | 5",
        "min     | {\"__type\":\"bigint\",\"value\":\"9\"} | 10 | {\"__type\":\"bigint\",\"value\":\"9\"}",
        "min     | false            | 5          | !",
        "append  | -                | [1,{\"a\":[2]}] | [1,{\"a\":[2]}]",
        "append  | ~[0]             | [1]        | [1]",
        "append  | null             | [1]        | [1]",
        "append  | [0,{\"b\":1}]    | [1,{\"a\":2}] | [0,{\"b\":1},1,{\"a\":2}]",
        "append  | {\"a\":1}        | [1]        | !",
        "append  | \"s\"            | [1]        | !",
        "prepend | -                | [1]        | [1]",
        "prepend | ~[0]             | [1]        | [1]",
        "prepend | null             | [1]        | [1]",
        "prepend | [0]              | [1,[2]]    | [1,[2],0]",
        "prepend | 3                | [1]        | !",
    })
    void mutationOnEachKindOfExistingValue(String type, String existing, String operand, String expected) {
        Key key = k("x");
        if (existing.startsWith("~")) {
            store.set(key, existing.substring(1), 1_000L);
            clock.advance(1_000);
        } else if (!existing.equals("-")) {
            put(key, existing);
        }
        StoredEntry before = store.get(key);
        if (expected.equals("!")) {
            KvValidationException e = assertThrows(KvValidationException.class, () -> mutate(type, key, operand));
            assertTrue(e.getMessage().startsWith("Invalid mutation at index 0: " + type), e.getMessage());
            assertEquals(before, store.get(key), "a rejected commit changes nothing");
            return;
        }
        CommitResult r = mutate(type, key, operand);
        assertTrue(r.ok());
        if (expected.equals("-")) {
            assertNull(json(key));
        } else {
            assertEquals(tree(expected), tree(json(key)));
            assertEquals(expected, json(key), "stored exactly (integers without .0, elements as JSON values)");
            assertEquals(r.versionstamp(), store.get(key).versionstamp());
        }
    }

    @Test
    void bigintArithmeticIsExactBeyond64Bits() {
        Key key = k("big");
        put(key, "{\"__type\":\"bigint\",\"value\":\"9223372036854775807\"}");
        kv.atomic().sum(key, BigInteger.TWO.pow(64)).sum(key, 1).commit();
        assertEquals("{\"__type\":\"bigint\",\"value\":\"27670116110564327424\"}", json(key));
        kv.atomic().sum(key, new BigInteger("-27670116110564327425")).commit();
        assertEquals("{\"__type\":\"bigint\",\"value\":\"-1\"}", json(key));
        kv.atomic().max(key, Long.MAX_VALUE).min(key, Long.MIN_VALUE).commit();
        assertEquals("{\"__type\":\"bigint\",\"value\":\"-9223372036854775808\"}", json(key));
    }

    @Test
    void numbersOutsideTheSafeRangeNeedABigint() {
        Key fresh = k("fresh");
        Key number = k("number");
        put(number, "1");
        assertTrue(mutate("sum", fresh, "9007199254740991").ok());
        assertEquals("9007199254740991", json(fresh));
        assertTrue(mutate("min", fresh, "-9007199254740991").ok());
        assertEquals("-9007199254740991", json(fresh));
        for (String tooBig : List.of("9007199254740992", "-9007199254740992", "\"99999999999999999999\"",
                "{\"__type\":\"bigint\",\"value\":\"9007199254740992\"}")) {
            assertThrows(KvValidationException.class, () -> mutate("sum", number, tooBig), tooBig);
            assertThrows(KvValidationException.class, () -> mutate("max", k("absent"), tooBig), tooBig);
        }
        assertEquals("1", json(number));
        assertNull(json(k("absent")));
        // the result itself may leave the safe range: integer arithmetic stays exact
        put(number, "9007199254740991");
        assertTrue(mutate("sum", number, "9007199254740991").ok());
        assertEquals("18014398509481982", json(number));
    }

    @Test
    void setHonoursExpiresInAndOtherMutationsDropTheTtl() {
        Key ttl = k("ttl");
        Key counter = k("counter");
        commitJson("{\"mutations\":[{\"type\":\"set\",\"key\":" + keyJson(ttl) + ",\"value\":1,\"expiresIn\":\"500\"},"
                + "{\"type\":\"set\",\"key\":" + keyJson(counter) + ",\"value\":1,\"expiresIn\":500}]}");
        mutate("sum", counter, "1");
        clock.advance(499);
        assertEquals("1", json(ttl));
        clock.advance(1);
        assertNull(json(ttl), "expired at now >= expiresAt");
        assertEquals("2", json(counter), "sum wrote its result without the TTL");
        kv.atomic().set(ttl, "again", Duration.ofMillis(10)).commit();
        clock.advance(10);
        assertNull(json(ttl));
    }

    @Test
    void mutationsApplyInOrderAndSeeEarlierOnes() {
        Key a = k("a");
        kv.atomic()
                .set(a, List.of(1))
                .append(a, List.of(2))
                .prepend(a, List.of(0))
                .commit();
        assertEquals("[0,1,2]", json(a));
        kv.atomic().delete(a).sum(a, 4).sum(a, 3).max(a, 5).min(a, 6).commit();
        assertEquals("6", json(a));
        kv.atomic().sum(a, 1).set(a, "last").commit();
        assertEquals("\"last\"", json(a));
    }

    @Test
    void atomicDeleteRemovesTheExactKeyOnly() {
        put(k("p"), "1");
        put(k("p", "child"), "2");
        assertTrue(kv.atomic().delete(k("p")).commit().ok());
        assertNull(json(k("p")));
        assertEquals("2", json(k("p", "child")));
    }

    @Test
    void oneVersionstampPerCommitSharedByAllMutationsAndIncreasing() {
        String earlier = kv.set(k("before"), 0).versionstamp();
        CommitResult r = kv.atomic().set(k("a"), 1).sum(k("b"), 2).append(k("c"), List.of(3)).commit();
        assertTrue(r.ok());
        assertTrue(r.versionstamp().matches("[0-9a-f]{20}"), r.versionstamp());
        for (Key key : List.of(k("a"), k("b"), k("c"))) {
            assertEquals(r.versionstamp(), store.get(key).versionstamp());
        }
        assertTrue(r.versionstamp().compareTo(earlier) > 0);
        CommitResult next = kv.atomic().sum(k("b"), 1).commit();
        assertTrue(next.versionstamp().compareTo(r.versionstamp()) > 0);
        CommitResult empty = kv.atomic().commit();
        assertTrue(empty.ok());
        assertTrue(empty.versionstamp().compareTo(next.versionstamp()) > 0, "an empty commit gets a fresh one");
        assertTrue(commitJson("{}").versionstamp().compareTo(empty.versionstamp()) > 0);
    }

    @Test
    void placeholdersShareOneUuidv7PerCommit() {
        CommitResult r = kv.atomic()
                .set(k("orders", kv.uuidv7()), Map.of("id", kv.uuidv7(), "n", 1))
                .set(k("byUser", "ada", kv.uuidv7()), true)
                .commit();
        assertTrue(r.ok());
        String uuid = onlyPart(k("orders"));
        assertTrue(UUID_V7.matcher(uuid).matches(), uuid);
        assertNotEquals(r.versionstamp(), uuid);
        assertEquals(uuid, onlyPart(k("byUser", "ada")));
        assertEquals(uuid, kv.get(k("orders", uuid)).value().get("id").asText());

        Key wire = k("wire");
        commitJson("{\"mutations\":["
                + "{\"type\":\"set\",\"key\":" + keyJson(wire).replace("]", ",\"a\",{\"__type\":\"uuidv7\"}]")
                + ",\"value\":[{\"$uuidv7\":true}]},"
                + "{\"type\":\"sum\",\"key\":" + keyJson(wire).replace("]", ",\"b\",{\"$uuidv7\":true}]")
                + ",\"value\":1}]}");
        String second = onlyPart(wire.append("a"));
        assertEquals(second, onlyPart(wire.append("b")));
        assertEquals("[\"" + second + "\"]", json(wire.append("a", second)));
        assertNotEquals(uuid, second, "every commit has its own UUIDv7");
        assertTrue(UUID_V7.matcher(second).matches());
    }

    private String onlyPart(Key prefix) {
        List<KvEntry<JsonNode>> entries = kv.list(prefix, ListOptions.defaults());
        assertEquals(1, entries.size());
        Key key = entries.get(0).key();
        return (String) key.part(key.size() - 1);
    }

    @Test
    void placeholderInACheckKeyIsRejected() {
        assertThrows(KvValidationException.class,
                () -> kv.atomic().check(k(kv.uuidv7()), null).set(k("a"), 1).commit());
        KvValidationException e = assertThrows(KvValidationException.class, () -> commitJson(
                "{\"checks\":[{\"key\":[\"a\",{\"__type\":\"uuidv7\"}],\"versionstamp\":null}]}"));
        assertTrue(e.getMessage().startsWith("Invalid check at index 0: "), e.getMessage());
        assertNull(json(k("a")));
    }

    @Test
    void checksCompareTheLiveVersionstamp() {
        Key key = k("c");
        assertTrue(kv.atomic().check(key, null).commit().ok(), "null = absent");
        String vs = kv.set(key, 1).versionstamp();
        assertFalse(kv.atomic().check(key, null).commit().ok());
        assertTrue(kv.atomic().check(key, vs).commit().ok());
        assertFalse(kv.atomic().check(key, "00000000000000000010").commit().ok());
        assertFalse(kv.atomic().check(key, "not a versionstamp").commit().ok(), "never issued: fails, no error");
        assertFalse(kv.atomic().check(k("absent"), vs).commit().ok());

        kv.set(key, null);
        assertFalse(kv.atomic().check(key, null).commit().ok(), "a stored null is an entry");

        kv.set(key, 1, Duration.ofMillis(100));
        String live = store.get(key).versionstamp();
        clock.advance(100);
        assertTrue(kv.atomic().check(key, null).commit().ok(), "expired = absent");
        assertFalse(kv.atomic().check(key, live).commit().ok());
        assertTrue(commitJson("{\"checks\":[{\"key\":" + keyJson(key) + "}]}").ok(), "absent versionstamp = null");
    }

    @Test
    void failedCheckChangesNothing() {
        Key a = k("a");
        Key b = k("b");
        Key c = k("c");
        String stale = put(a, "1");
        put(a, "2");
        put(b, "[1]");
        List<StoredEntry> before = snapshot(a, b, c);
        CommitResult r = kv.atomic()
                .check(b, store.get(b).versionstamp())
                .check(a, stale)
                .set(c, 1).sum(a, 1).append(b, List.of(2)).delete(b)
                .commit();
        assertEquals(new CommitResult(false, null), r);
        assertEquals(before, snapshot(a, b, c));
    }

    @Test
    void invalidMutationChangesNothing() {
        Key a = k("a");
        Key b = k("b");
        Key c = k("c");
        put(a, "1");
        put(b, "\"text\"");
        List<StoredEntry> before = snapshot(a, b, c);
        KvValidationException e = assertThrows(KvValidationException.class, () -> kv.atomic()
                .check(a, store.get(a).versionstamp())
                .set(c, 1).sum(a, 1).delete(a).sum(b, 1)
                .commit());
        assertTrue(e.getMessage().startsWith("Invalid mutation at index 3: sum needs"), e.getMessage());
        assertEquals(before, snapshot(a, b, c));
        assertThrows(KvValidationException.class, () -> commitJson("{\"mutations\":["
                + "{\"type\":\"set\",\"key\":" + keyJson(c) + ",\"value\":1},"
                + "{\"type\":\"sum\",\"key\":" + keyJson(a) + ",\"value\":\"1.5\"}]}"));
        assertEquals(before, snapshot(a, b, c));
    }

    @Test
    void concurrentCommitsOfOneGroupRollBackAlone() throws Exception {
        Key good = k("good");
        Key bad = k("bad");
        put(bad, "\"text\"");
        List<Thread> threads = new ArrayList<>();
        AtomicInteger rejected = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            boolean invalid = i % 2 == 0;
            Thread t = new Thread(() -> {
                try {
                    kv.atomic().sum(good, 1).sum(invalid ? bad : good, 1).commit();
                } catch (KvValidationException e) {
                    rejected.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4, rejected.get());
        assertEquals("8", json(good), "only the 4 valid commits applied, each +2");
        assertEquals("\"text\"", json(bad));
    }

    @Test
    void builderCommitsOnce() {
        var op = kv.atomic().set(k("once"), 1);
        assertNotNull(op.commit().versionstamp());
        assertThrows(IllegalStateException.class, op::commit);
    }
}
