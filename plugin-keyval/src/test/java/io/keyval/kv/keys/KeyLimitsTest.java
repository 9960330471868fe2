package io.keyval.kv.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.math.BigInteger;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class KeyLimitsTest {

    private static String error(Key key, boolean allowEmpty) {
        return assertThrows(KvValidationException.class, () -> KeyLimits.validate(key, allowEmpty)).getMessage();
    }

    @Test
    void acceptsKeysWithinTheLimits() {
        Key key = Key.of("x".repeat(1024), new byte[1024], BigInteger.ONE.shiftLeft(2040).subtract(BigInteger.ONE).negate(),
                "", "\ud83d\ude00", Key.uuidv7Placeholder());
        assertSame(key, KeyLimits.validate(key, false));
        assertSame(Key.of(), KeyLimits.validate(Key.of(), true));
        Key deepest = Key.of(Collections.nCopies(20, 1));
        assertSame(deepest, KeyLimits.validate(deepest, false));
    }

    @Test
    void rejectsKeysBeyondTheLimits() {
        assertEquals("Key cannot be empty", error(Key.of(), false));
        assertEquals("Key too deep (max 20 parts)", error(Key.of(Collections.nCopies(21, 1)), true));
        assertEquals("Invalid key part at index 2: string too long (max 1024 characters)",
                error(Key.of(1, 2, "x".repeat(1025)), false));
        assertEquals("Invalid key part at index 0: bytes too large (max 1024 bytes)", error(Key.of((Object) new byte[1025]), false));
        assertEquals("Invalid key part at index 1: bigint too large (max 255 bytes)",
                error(Key.of("a", BigInteger.ONE.shiftLeft(2040).negate()), false));
        assertEquals("Invalid key part at index 0: string contains an unpaired surrogate", error(Key.of("a\udc00b"), false));
        assertEquals("Invalid key part at index 0: string contains an unpaired surrogate", error(Key.of("\ud800"), false));
    }

    @Test
    void urlFormUsesKeyPathMessages() {
        assertEquals("Key path cannot be empty", assertThrows(KvValidationException.class,
                () -> KeyLimits.validate(Key.of(), false, KeyLimits.Form.PATH)).getMessage());
        assertEquals("Key path too deep (max 20 parts)", assertThrows(KvValidationException.class,
                () -> KeyLimits.validate(Key.of(Collections.nCopies(21, "a")), false, KeyLimits.Form.PATH)).getMessage());
    }
}
