package io.keyval.kv.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.testing.RandomKeys;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    /** Its encoding 01 0F BF 00 is {@code AQ+/AA==} in standard base64. */
    private static final Key KEY = Key.of((Object) new byte[] {0x0f, (byte) 0xbf});

    @Test
    void roundTripsAsUnpaddedBase64url() {
        RandomKeys random = new RandomKeys(23L);
        for (int n = 0; n < 1_000; n++) {
            byte[] encoding = random.key(4).toBytes();
            String cursor = Cursors.encode(encoding);
            assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
            assertArrayEquals(encoding, Cursors.decode(cursor));
        }
    }

    @Test
    void acceptsStandardBase64WithSpacesForPlusAndMissingPadding() {
        String standard = Base64.getEncoder().encodeToString(KEY.toBytes());
        assertTrue(standard.contains("+") && standard.contains("/") && standard.endsWith("="), standard);
        assertArrayEquals(KEY.toBytes(), Cursors.decode(standard));
        assertArrayEquals(KEY.toBytes(), Cursors.decode(standard.replace('+', ' ')));
        assertArrayEquals(KEY.toBytes(), Cursors.decode(standard.replace("=", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "a", "Bw", "AmE", "A2E="})
    void rejectsUndecodableCursors(String cursor) {
        // "Bw" = 07 (unknown tag), "AmE" = 02 61 (unterminated string), "A2E=" = 03 61 (truncated number)
        assertEquals("Invalid cursor", assertThrows(KvValidationException.class, () -> Cursors.decode(cursor)).getMessage());
    }
}
