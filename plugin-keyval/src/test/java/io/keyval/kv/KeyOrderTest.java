package io.keyval.kv;

import io.keyval.kv.keys.KeyRange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.testing.RandomKeys;
import io.keyval.kv.testing.ReferenceKeyOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The key order (docs/http-api.md §2.2) of the {@link KeyCodec} encoding, checked against {@link ReferenceKeyOrder}. */
class KeyOrderTest {

    private static final BigInteger MAX_BIGINT = BigInteger.ONE.shiftLeft(2040).subtract(BigInteger.ONE);

    /** Every key here is strictly greater than the one before it. */
    private static List<Key> expectedOrder() {
        return List.of(
                // bytes: unsigned lexicographic, 0x00 and 0xFF inside
                Key.of((Object) new byte[0]),
                Key.of((Object) new byte[] {0x00}),
                Key.of((Object) new byte[] {0x00, 0x00}),
                Key.of((Object) new byte[] {0x00, (byte) 0xff}),
                Key.of((Object) new byte[] {0x01}),
                Key.of((Object) new byte[] {0x7f}),
                Key.of((Object) new byte[] {(byte) 0x80}),
                Key.of((Object) new byte[] {(byte) 0xff}),
                Key.of((Object) new byte[] {(byte) 0xff, 0x00}),
                // strings: code point order
                Key.of(""),
                Key.of("\u0000"),
                Key.of("\u0000\u0000"),
                Key.of("\u0001"),
                Key.of("A"),
                Key.of("a"),
                Key.of("a\u0000"),
                Key.of("a\u0000b"),
                Key.of("ab"),
                Key.of("\u00e9"),
                Key.of("\uffef"),
                Key.of("\ufffd"),
                Key.of("\uffff"),
                Key.of("\ud83d\ude00"), // U+1F600 > U+FFFD although its UTF-16 unit 0xD83D is smaller
                Key.of("\udbff\udfff"),
                // numbers: numeric order
                Key.of(-Double.MAX_VALUE),
                Key.of(-1e300),
                Key.of(-9007199254740991L),
                Key.of(-1),
                Key.of(-0.5),
                Key.of(-1e-300),
                Key.of(-Double.MIN_VALUE),
                Key.of(-0.0),
                Key.of(Double.MIN_VALUE),
                Key.of(1e-300),
                Key.of(0.1),
                Key.of(1),
                Key.of(1.5),
                Key.of(2),
                Key.of(10),
                Key.of(9007199254740991L),
                Key.of(1e21),
                Key.of(Double.MAX_VALUE),
                // bigints: numeric order, negative and multi-byte included
                Key.of(MAX_BIGINT.negate()),
                Key.of(BigInteger.ONE.shiftLeft(2032).negate()),
                Key.of(BigInteger.valueOf(-65536)),
                Key.of(BigInteger.valueOf(-65535)),
                Key.of(BigInteger.valueOf(-256)),
                Key.of(BigInteger.valueOf(-255)),
                Key.of(BigInteger.valueOf(-2)),
                Key.of(BigInteger.valueOf(-1)),
                Key.of(BigInteger.ZERO),
                Key.of(BigInteger.ONE),
                Key.of(BigInteger.valueOf(255)),
                Key.of(BigInteger.valueOf(256)),
                Key.of(new BigInteger("18446744073709551616")),
                Key.of(MAX_BIGINT),
                // booleans
                Key.of(false),
                Key.of(true),
                // prefixes first, then descendants
                Key.of(true, new byte[0]),
                Key.of(true, false),
                Key.of(true, true));
    }

    @Test
    void sortsAcrossAllPartTypes() {
        List<Key> expected = expectedOrder();
        List<Key> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        for (int i = 0; i < expected.size(); i++) {
            for (int j = i + 1; j < expected.size(); j++) {
                Key a = expected.get(i);
                Key b = expected.get(j);
                assertTrue(ReferenceKeyOrder.INSTANCE.compare(a, b) < 0, () -> "reference: " + a + " < " + b);
                assertTrue(Arrays.compareUnsigned(a.toBytes(), b.toBytes()) < 0, () -> "bytes: " + a + " < " + b);
            }
        }
    }

    @Test
    void prefixKeysSortBeforeTheirDescendants() {
        List<Key> expected = List.of(Key.of("users"), Key.of("users", "a"), Key.of("users", "a", "x"),
                Key.of("users", "b"), Key.of("users\u0000"), Key.of("usersa"));
        List<Key> sorted = new ArrayList<>(expected);
        Collections.reverse(sorted);
        Collections.sort(sorted);
        assertEquals(expected, sorted);
    }

    @Test
    void differentTypesNeverCompareEqual() {
        List<Key> ones = List.of(Key.of((Object) new byte[] {1}), Key.of("1"), Key.of(1), Key.of(BigInteger.ONE), Key.of(true));
        for (int i = 0; i < ones.size(); i++) {
            for (int j = i + 1; j < ones.size(); j++) {
                assertTrue(ones.get(i).compareTo(ones.get(j)) < 0);
            }
        }
    }

    @Test
    void randomKeysOrderLikeTheReference() {
        RandomKeys random = new RandomKeys(20240601L);
        for (int n = 0; n < 30_000; n++) {
            Key a = random.key(4);
            Key b = random.key(4);
            int expected = Integer.signum(ReferenceKeyOrder.INSTANCE.compare(a, b));
            assertEquals(expected, Integer.signum(a.compareTo(b)), () -> a + " vs " + b);
            assertEquals(expected == 0, a.equals(b), () -> a + " equals " + b);
        }
    }

    @Test
    void descendantsAreExactlyTheKeysBetweenPrefixAndDescendantsEnd() {
        RandomKeys random = new RandomKeys(99L);
        for (int n = 0; n < 20_000; n++) {
            Key prefix = random.key(3);
            Key candidate = n % 2 == 0 ? prefix.append(random.key(2).parts().toArray()) : random.key(4);
            byte[] start = prefix.toBytes();
            byte[] end = KeyRange.descendantsEnd(start);
            byte[] enc = candidate.toBytes();
            boolean inRange = Arrays.compareUnsigned(start, enc) < 0 && Arrays.compareUnsigned(enc, end) < 0;
            assertEquals(isStrictDescendant(candidate, prefix), inRange, () -> candidate + " under " + prefix);
        }
    }

    private static boolean isStrictDescendant(Key key, Key prefix) {
        if (key.size() <= prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (ReferenceKeyOrder.comparePart(key.part(i), prefix.part(i)) != 0) {
                return false;
            }
        }
        return true;
    }
}
