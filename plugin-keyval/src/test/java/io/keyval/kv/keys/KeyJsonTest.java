package io.keyval.kv.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.testing.RandomKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Key parse(String text) {
        return KeyJson.parseKey(json(text), false);
    }

    private static String error(Runnable parse) {
        return assertThrows(KvValidationException.class, parse::run).getMessage();
    }

    private static String written(Key key) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = MAPPER.createGenerator(text)) {
            KeyJson.write(key, out);
        }
        return text.toString();
    }

    private static String repeat(String element, int times) {
        return "[" + String.join(",", java.util.Collections.nCopies(times, element)) + "]";
    }

    @Test
    void parsesEveryAcceptedPartForm() {
        Key expected = Key.of("users", 42, 1.5, true, new BigInteger("-123"), new BigInteger("99999999999999999999"),
                new byte[] {(byte) 0xfb, (byte) 0xff}, new byte[] {(byte) 0xfb, (byte) 0xff}, new byte[] {(byte) 0xfb, (byte) 0xff},
                new byte[] {(byte) 0xfb, (byte) 0xff}, new byte[0], "");
        assertEquals(expected, parse("[\"users\", 42, 1.5, true,"
                + " {\"__type\":\"bigint\",\"value\":\"-123\"}, {\"value\":99999999999999999999,\"__type\":\"bigint\"},"
                + " {\"__type\":\"bytes\",\"value\":\"+/8=\"}, {\"__type\":\"bytes\",\"value\":\"-_8\"},"
                + " {\"__type\":\"bytes\",\"value\":\"+/8\"}, {\"1\":255,\"0\":251}, {}, \"\"]"));
    }

    @Test
    void readsNumbersLikeJavaScript() {
        assertEquals(Key.of(0), parse("[-0]"));
        assertEquals(Key.of(0), parse("[-0.0]"));
        assertEquals(Key.of(9007199254740992d), parse("[9007199254740993]"));
        assertEquals(Key.of(1e21), parse("[1e21]"));
        assertEquals(Key.of(1.0), parse("[1.0]"));
        assertEquals("Invalid key part at index 1: number out of range", error(() -> parse("[1, 1e400]")));
        assertEquals("Invalid key part at index 0: number out of range", error(() -> parse("[1" + "0".repeat(400) + "]")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|Key must be an array",
        "\"users\"|Key must be an array",
        "null|Key must be an array",
        "[]|Key cannot be empty",
        "[null]|Invalid key part at index 0: null is not a valid key part (use a string, number, boolean, bigint tag or bytes tag)",
        "[\"a\",[1]]|Invalid key part at index 1: a nested array is not a valid key part (use a string, number, boolean, bigint tag or bytes tag)",
        "[{\"__type\":\"uuidv7\"}]|Invalid key part at index 0: UUIDv7 placeholders are only allowed in atomic mutation keys",
        "[{\"$uuidv7\":true}]|Invalid key part at index 0: UUIDv7 placeholders are only allowed in atomic mutation keys",
        "[{\"__type\":\"bigint\",\"value\":\"12a\"}]|Invalid key part at index 0: bigint value must be a decimal integer",
        "[{\"__type\":\"bigint\",\"value\":1.5}]|Invalid key part at index 0: bigint value must be a decimal integer",
        "[{\"__type\":\"bigint\",\"value\":\"\"}]|Invalid key part at index 0: bigint value must be a decimal integer",
        "[{\"__type\":\"bigint\"}]|Invalid key part at index 0: a tagged part must have exactly the fields __type and value",
        "[{\"__type\":\"bigint\",\"value\":\"1\",\"x\":1}]|Invalid key part at index 0: a tagged part must have exactly the fields __type and value",
        "[{\"__type\":\"date\",\"value\":\"1\"}]|Invalid key part at index 0: unknown __type \"date\"",
        "[{\"__type\":\"bytes\",\"value\":\"***\"}]|Invalid key part at index 0: bytes value must be a base64 or base64url string",
        "[{\"__type\":\"bytes\",\"value\":5}]|Invalid key part at index 0: bytes value must be a base64 or base64url string",
        "[{\"0\":1,\"2\":3}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[{\"0\":256}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[{\"0\":-1}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[{\"0\":1.5}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[{\"00\":1}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[{\"a\":1}]|Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array object with keys \"0\"..\"n-1\" and values 0-255)",
        "[\"\\ud800\"]|Invalid key part at index 0: string contains an unpaired surrogate"})
    void rejectsInvalidKeysWithTheSpecMessages(String json, String message) {
        assertEquals(message, error(() -> parse(json)));
    }

    @Test
    void enforcesTheLimits() {
        assertEquals(20, parse(repeat("1", 20)).size());
        assertEquals("Key too deep (max 20 parts)", error(() -> parse(repeat("1", 21))));
        assertEquals(1024, ((String) parse("[\"" + "x".repeat(1024) + "\"]").part(0)).length());
        assertEquals("Invalid key part at index 1: string too long (max 1024 characters)",
                error(() -> parse("[\"a\",\"" + "x".repeat(1025) + "\"]")));
        assertEquals("Invalid key part at index 0: bytes too large (max 1024 bytes)",
                error(() -> parse("[{\"__type\":\"bytes\",\"value\":\"" + "A".repeat(1368) + "\"}]")));
        BigInteger max = BigInteger.ONE.shiftLeft(2040).subtract(BigInteger.ONE);
        assertEquals(Key.of(max.negate()), parse("[{\"__type\":\"bigint\",\"value\":\"-" + max + "\"}]"));
        assertEquals("Invalid key part at index 0: bigint too large (max 255 bytes)",
                error(() -> parse("[{\"__type\":\"bigint\",\"value\":\"" + max.add(BigInteger.ONE) + "\"}]")));
        assertEquals("Invalid key part at index 0: bigint too large (max 255 bytes)",
                error(() -> parse("[{\"__type\":\"bigint\",\"value\":\"" + "9".repeat(5000) + "\"}]")));
        assertEquals(Key.of(BigInteger.ONE), parse("[{\"__type\":\"bigint\",\"value\":\"" + "0".repeat(5000) + "1\"}]"));
    }

    @Test
    void acceptsPlaceholdersOnlyWhenAllowed() {
        Key key = KeyJson.parseKey(json("[\"id\",{\"__type\":\"uuidv7\"},{\"$uuidv7\":true}]"), true);
        assertSame(Key.uuidv7Placeholder(), key.part(1));
        assertSame(Key.uuidv7Placeholder(), key.part(2));
        assertEquals("Invalid key part at index 0: unsupported object (expected a bigint tag, a bytes tag or a byte array"
                + " object with keys \"0\"..\"n-1\" and values 0-255)",
                error(() -> KeyJson.parseKey(json("[{\"$uuidv7\":false}]"), true)));
    }

    @Test
    void parseOptionalTreatsAbsentAndEmptyAsNone() {
        assertTrue(KeyJson.parseOptional(null, "prefix").isEmpty());
        assertTrue(KeyJson.parseOptional(NullNode.getInstance(), "prefix").isEmpty());
        assertTrue(KeyJson.parseOptional(MissingNode.getInstance(), "prefix").isEmpty());
        assertTrue(KeyJson.parseOptional(json("[]"), "prefix").isEmpty());
        assertEquals(Key.of("a", 1), KeyJson.parseOptional(json("[\"a\",1]"), "start"));
        assertEquals("Key must be an array (prefix)", error(() -> KeyJson.parseOptional(json("\"a\""), "prefix")));
        assertEquals("Key too deep (max 20 parts)", error(() -> KeyJson.parseOptional(json(repeat("1", 21)), "end")));
        assertEquals("Invalid key part at index 0: UUIDv7 placeholders are only allowed in atomic mutation keys",
                error(() -> KeyJson.parseOptional(json("[{\"__type\":\"uuidv7\"}]"), "prefix")));
    }

    @Test
    void parsesBatches() {
        assertEquals(List.of(Key.of("a"), Key.of("b", 2)), KeyJson.parseBatch(json("[[\"a\"],[\"b\",2]]")));
        assertEquals(1000, KeyJson.parseBatch(json(repeat("[1]", 1000))).size());
        assertEquals("Keys must be an array", error(() -> KeyJson.parseBatch(json("{\"keys\":[]}"))));
        assertEquals("Keys must be an array", error(() -> KeyJson.parseBatch(null)));
        assertEquals("Keys array cannot be empty", error(() -> KeyJson.parseBatch(json("[]"))));
        assertEquals("Too many keys (max 1000)", error(() -> KeyJson.parseBatch(json(repeat("[1]", 1001)))));
        assertEquals("Invalid key at index 1: Key must be an array", error(() -> KeyJson.parseBatch(json("[[\"a\"],\"b\"]"))));
        assertEquals("Invalid key at index 1: Key cannot be empty", error(() -> KeyJson.parseBatch(json("[[\"a\"],[]]"))));
        assertEquals("Invalid key at index 2: Invalid key part at index 1: null is not a valid key part"
                + " (use a string, number, boolean, bigint tag or bytes tag)",
                error(() -> KeyJson.parseBatch(json("[[1],[2],[3,null]]"))));
    }

    @Test
    void writesTheEmittedForm() throws IOException {
        Key key = Key.of("users", 42, 1e21, new BigInteger("-7"), new byte[] {0, (byte) 0xff}, false);
        String expected = "[\"users\",42,1e+21,{\"__type\":\"bigint\",\"value\":\"-7\"},"
                + "{\"__type\":\"bytes\",\"value\":\"AP8\"},false]";
        assertEquals(expected, written(key));
        assertEquals(expected, key.toString());
    }

    @Test
    void whatIsWrittenParsesBackToAnEqualKey() throws IOException {
        RandomKeys random = new RandomKeys(11L);
        for (int n = 0; n < 3_000; n++) {
            Key key = random.key(5);
            assertEquals(key, parse(written(key)), key::toString);
            assertEquals(key, KeyJson.parseKey(json(key.toString()), false), key::toString);
        }
        Key placeholder = Key.of("id", Key.uuidv7Placeholder());
        assertEquals(placeholder, KeyJson.parseKey(json(written(placeholder)), true));
    }
}
