package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.testing.RandomJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass UTF-8 JSON checker against Jackson, the reference parser: never more lenient, the
 * same value after compaction, and refusals beyond Jackson's only for what cannot be stored as
 * acknowledged.
 */
class Utf8JsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String compact(String json) {
        return new String(Utf8Json.compact(utf8(json)), StandardCharsets.UTF_8);
    }

    @Test
    void keepsEveryTokenAsWrittenAndDropsOnlyWhiteSpace() {
        assertEquals("{\"a\":[1e3,-0.0,1.50,\"x \\u0041\\n\"],\"b\":{},\"c\":[],\"d\":null,\"e\":true,\"f\":false}",
                compact(" {\n\t\"a\" : [ 1e3 , -0.0, 1.50 , \"x \\u0041\\n\" ] , \"b\":{ },\"c\":[\r\n] ,\"d\":null,\"e\":true,\"f\":false } "));
        assertEquals("\"caf\u00e9 \uD83D\uDE00\"", compact("\"caf\u00e9 \uD83D\uDE00\""));
        assertEquals("\"\\ud83d\\ude00\"", compact("\"\\ud83d\\ude00\""));
        byte[] alreadyCompact = utf8("{\"a\":[1,2]}");
        assertSame(alreadyCompact, Utf8Json.compact(alreadyCompact), "no copy when nothing changes");
    }

    @Test
    void refusesWhatJsonDoesNotAllow() {
        for (String bad : List.of("", " ", "{", "}", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "01",
                "1.", ".5", "1e", "-", "+1", "NaN", "Infinity", "tru", "nulls", "\"abc", "\"a\nb\"", "\"\\x\"",
                "\"\\u12\"", "\"\\u12G4\"", "[1] [2]", "1 2", "'a'", "/*c*/1", "\uFEFF1", "[\"a\"\"b\"]", "{\"a\":1\"b\":2}")) {
            KvValidationException e = assertThrows(KvValidationException.class, () -> Utf8Json.compact(utf8(bad)), bad);
            assertEquals("Invalid JSON body", e.getMessage(), bad);
        }
        assertThrows(KvValidationException.class, () -> Utf8Json.compact(utf8("[".repeat(1001) + "]".repeat(1001))));
        assertEquals(1998, Utf8Json.compact(utf8("[".repeat(999) + "]".repeat(999))).length);
    }

    @Test
    void refusesWhatCannotBeStoredAsAcknowledged() {
        for (String lone : List.of("\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\"", "{\"\\udbff\":1}")) {
            KvValidationException e = assertThrows(KvValidationException.class, () -> Utf8Json.compact(utf8(lone)), lone);
            assertTrue(e.getMessage().startsWith("Invalid value: a string contains an unpaired surrogate"), e.getMessage());
        }
        byte[][] notUtf8 = {{'"', (byte) 0xC3, '"'}, {'"', (byte) 0xC0, (byte) 0x80, '"'}, {'"', (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, '"'}, {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, {'"', (byte) 0xFF, '"'},
            {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}};
        for (byte[] bytes : notUtf8) {
            KvValidationException e = assertThrows(KvValidationException.class, () -> Utf8Json.compact(bytes));
            assertEquals("Request body must be UTF-8 encoded JSON", e.getMessage());
        }
        for (String number : List.of("1e400", "-1e999999999", "1e-400", "[0.1e-330]", "1" + "0".repeat(400), "1e99999999999999999999")) {
            KvValidationException e = assertThrows(KvValidationException.class, () -> Utf8Json.compact(utf8(number)), number);
            assertTrue(e.getMessage().startsWith("Invalid value: number "), e.getMessage());
        }
        for (String fine : List.of("1e308", "-1.7976931348623157e308", "4.9e-324", "0e999999", "0.0e-99999", "1e-300",
                "123456789012345678901234567890")) {
            assertEquals(fine, compact(fine));
        }
    }

    @Test
    void randomDocumentsAgreeWithJackson() throws Exception {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            String doc = RandomJson.document(random);
            byte[] bytes = utf8(doc);
            if (random.nextInt(3) == 0) {
                bytes = RandomJson.mutate(bytes, random);
            }
            JsonNode reference = jackson(bytes);
            byte[] input = bytes;
            byte[] compacted;
            try {
                compacted = Utf8Json.compact(bytes);
            } catch (KvValidationException refused) {
                // Stricter than Jackson only where the value could not be stored as acknowledged.
                if (reference != null) {
                    String why = refused.getMessage();
                    // The reference decodes strictly, so a document it reads is valid UTF-8.
                    assertTrue(why.startsWith("Invalid value:"),
                            () -> "refused what Jackson reads (" + why + "): " + java.util.Arrays.toString(input));
                }
                continue;
            }
            assertTrue(reference != null, () -> "accepted what Jackson refuses: " + new String(input, StandardCharsets.UTF_8));
            assertEquals(reference, jackson(compacted), "compaction changed the value");
            assertArrayEquals(tokens(bytes), tokens(compacted), "compaction changed a token's text");
        }
    }

    /** Jackson's reading of strictly decoded UTF-8 (from bytes it would guess UTF-16 or UTF-32 too). */
    private static JsonNode jackson(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return null;
        }
        try (JsonParser p = JsonValues.MAPPER.getFactory().createParser(text)) {
            JsonNode node = JsonValues.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
            return node == null || node.isMissingNode() ? null : node;
        } catch (Exception e) {
            return null;
        }
    }

    /** The text of every scalar token, as Jackson sees it. */
    private static byte[] tokens(byte[] json) throws Exception {
        StringBuilder out = new StringBuilder();
        try (JsonParser p = JsonValues.MAPPER.getFactory().createParser(new String(json, StandardCharsets.UTF_8))) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                out.append(t).append(t.isScalarValue() || t == JsonToken.FIELD_NAME ? p.getText() : "").append('|');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
