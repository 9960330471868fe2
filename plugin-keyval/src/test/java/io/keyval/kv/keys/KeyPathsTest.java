package io.keyval.kv.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPathsTest {

    private static String error(Runnable parse) {
        return assertThrows(KvValidationException.class, parse::run).getMessage();
    }

    @Test
    void typesDigitOnlySegmentsAsNumbers() {
        assertEquals(Key.of("users", 123), KeyPaths.fromRawPath("users/123"));
        assertEquals(Key.of("users", 7), KeyPaths.fromRawPath("users/007"));
        assertEquals(Key.of(0), KeyPaths.fromRawPath("-0"));
        assertEquals(Key.of(-12), KeyPaths.fromRawPath("-12"));
        assertEquals(Key.of(9007199254740991L, -9007199254740991L),
                KeyPaths.fromRawPath("9007199254740991/-9007199254740991"));
        assertEquals(Key.of("9007199254740992", "9007199254740993", "-9007199254740992"),
                KeyPaths.fromRawPath("9007199254740992/9007199254740993/-9007199254740992"));
        assertEquals(Key.of(1), KeyPaths.fromRawPath("0000000000000000000000001"));
        assertEquals(Key.of("true", "1.5", "1e3", "+1", "-", "12a", " 1"),
                KeyPaths.fromRawPath("true/1.5/1e3/+1/-/12a/%201"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a%2Fb/c|a/b|c",
        "%zz/x|%zz|x",
        "100%/x|100%|x",
        "%4/x|%4|x",
        "%E2%82%AC/%c3%a9|\u20ac|\u00e9",
        "%FF/x|%FF|x",
        "a%20b/%2C%3A|a b|,:",
        "keys/x|keys|x",
        "//a///b/|a|b"})
    void splitsThenPercentDecodesEachSegment(String rawPath, String first, String second) {
        assertEquals(Key.of(first, second), KeyPaths.fromRawPath(rawPath));
    }

    @Test
    void enforcesTheUrlFormLimits() {
        assertEquals("Key path cannot be empty", error(() -> KeyPaths.fromRawPath("")));
        assertEquals("Key path cannot be empty", error(() -> KeyPaths.fromRawPath("///")));
        assertEquals("Key path cannot be empty", error(() -> KeyPaths.fromRawPath(null)));
        assertEquals(20, KeyPaths.fromRawPath(String.join("/", Collections.nCopies(20, "a"))).size());
        assertEquals("Key path too deep (max 20 parts)",
                error(() -> KeyPaths.fromRawPath(String.join("/", Collections.nCopies(21, "a")))));
        assertEquals("Invalid key part at index 1: string too long (max 1024 characters)",
                error(() -> KeyPaths.fromRawPath("a/" + "x".repeat(1025))));
        assertEquals(1024, ((String) KeyPaths.fromRawPath("%41".repeat(1024)).part(0)).length(),
                "the limit applies to the decoded text");
    }

    @Test
    void queryFormDecodesEachPartOnceMore() {
        assertTrue(KeyPaths.fromQuery(null).isEmpty());
        assertTrue(KeyPaths.fromQuery("").isEmpty());
        assertTrue(KeyPaths.fromQuery("/").isEmpty());
        // the TS client sends encodeURIComponent("a b") = "a%20b", double encoded by URLSearchParams
        assertEquals(Key.of("users", "a b", 5), KeyPaths.fromQuery("users/a%20b/5"));
        assertEquals(Key.of("a/b"), KeyPaths.fromQuery("a%2Fb"));
        assertEquals(Key.of("100%"), KeyPaths.fromQuery("100%"));
        assertEquals(Key.of(" "), KeyPaths.fromQuery(" "));
        assertEquals("Key path too deep (max 20 parts)",
                error(() -> KeyPaths.fromQuery(String.join("/", Collections.nCopies(21, "a")))));
    }

    @Test
    void parsesKeyListsFromQueryValues() {
        assertEquals(List.of(Key.of("users", 1), Key.of("users", 2), Key.of("a b")),
                KeyPaths.keysFromQuery(List.of(" users/1 , users/2,", "a%20b")));
        assertEquals("Keys array cannot be empty", error(() -> KeyPaths.keysFromQuery(List.of())));
        assertEquals("Keys array cannot be empty", error(() -> KeyPaths.keysFromQuery(List.of(" , ", ""))));
        assertEquals(1000, KeyPaths.keysFromQuery(List.of(String.join(",", Collections.nCopies(1000, "k")))).size());
        assertEquals("Too many keys (max 1000)",
                error(() -> KeyPaths.keysFromQuery(List.of(String.join(",", Collections.nCopies(999, "k")), "a,b"))));
        assertEquals("Invalid key at index 1: Key path cannot be empty", error(() -> KeyPaths.keysFromQuery(List.of("a,///"))));
        assertEquals("Invalid key at index 0: Invalid key part at index 0: string too long (max 1024 characters)",
                error(() -> KeyPaths.keysFromQuery(List.of("x".repeat(1025)))));
    }

    @Test
    void toPathEscapesTheSeparators() {
        assertEquals("a%2Fb/c%2Cd%3Ae%25f/42/1.5/1e+21", KeyPaths.toPath(Key.of("a/b", "c,d:e%f", 42, 1.5, 1e21)));
        assertEquals("10/true/-_8", KeyPaths.toPath(Key.of(BigInteger.TEN, true, new byte[] {(byte) 0xfb, (byte) 0xff})));
    }

    @Test
    void toPathRoundTripsThroughTheQueryForm() {
        String alphabet = "ab/%,: \u00e9\ud83d\ude001";
        Random random = new Random(17L);
        for (int n = 0; n < 2_000; n++) {
            Object[] parts = new Object[1 + random.nextInt(4)];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = random.nextInt(3) == 0 ? (Object) (random.nextInt(2001) - 1000) : randomText(random, alphabet);
            }
            Key key = Key.of(parts);
            assertEquals(key, KeyPaths.fromQuery(KeyPaths.toPath(key)), key::toString);
        }
    }

    /** Non-empty and never digits only (those read back as numbers). */
    private static String randomText(Random random, String alphabet) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder("x");
        for (int i = random.nextInt(5); i > 0; i--) {
            s.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return s.toString();
    }
}
