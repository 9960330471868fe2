package io.keyval.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTest {

    @Test
    void normalisesJavaNumbersToDoubles() {
        assertEquals(Key.of(1.0), Key.of(1));
        assertEquals(Key.of(1.0), Key.of(1L));
        assertEquals(Key.of(1.0), Key.of((short) 1));
        assertEquals(Key.of(1.5), Key.of(1.5f));
        assertEquals(Key.of(0), Key.of(-0.0));
        assertEquals(0.0, (Double) Key.of(-0.0).part(0));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits((Double) Key.of(-0.0).part(0)));
        assertEquals(Key.of(9007199254740991L).part(0), 9007199254740991d);
    }

    @Test
    void typesStayDistinct() {
        assertNotEquals(Key.of(1), Key.of(BigInteger.ONE));
        assertNotEquals(Key.of(1), Key.of("1"));
        assertNotEquals(Key.of(true), Key.of(1));
    }

    @Test
    void rejectsUnsupportedParts() {
        assertThrows(IllegalArgumentException.class, () -> Key.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Key.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Key.of(9007199254740992L));
        assertThrows(IllegalArgumentException.class, () -> Key.of(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Key.of((Object) null));
    }

    @Test
    void copiesByteArrays() {
        byte[] source = {1, 2};
        Key key = Key.of((Object) source);
        source[0] = 9;
        ((byte[]) key.part(0))[1] = 9;
        ((byte[]) key.parts().get(0))[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, (byte[]) key.part(0));
    }

    @Test
    void appendsAndTestsPrefixes() {
        Key user = Key.of("users", 42);
        Key profile = user.append("profile");
        assertEquals(Key.of("users", 42, "profile"), profile);
        assertTrue(profile.startsWith(user));
        assertTrue(user.startsWith(user));
        assertTrue(user.startsWith(Key.of()));
        assertFalse(user.startsWith(profile));
        assertFalse(Key.of("usersX").startsWith(Key.of("users")));
        assertTrue(Key.of().isEmpty());
        assertEquals(3, profile.size());
        assertEquals(List.of("users", 42.0, "profile"), profile.parts());
    }

    @Test
    void roundTripsThroughBytes() {
        Key key = Key.of(new byte[] {0, (byte) 0xff}, "a\u0000", -1.5, new BigInteger("-300"), true);
        assertEquals(key, Key.fromBytes(key.toBytes()));
        assertEquals(key.hashCode(), Key.fromBytes(key.toBytes()).hashCode());
        assertThrows(IllegalArgumentException.class, () -> Key.fromBytes(new byte[] {0x02, 0x61}));
    }

    @Test
    void placeholderKeysCompareByParts() {
        Key a = Key.of("id", Key.uuidv7Placeholder());
        Key b = Key.of("id", Key.uuidv7Placeholder());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Key.of("id", "x"));
        assertNotEquals(Key.of("id", "x"), a);
        assertTrue(a.hasPlaceholder());
        assertEquals("[\"id\",{\"__type\":\"uuidv7\"}]", a.toString());
        assertThrows(IllegalArgumentException.class, () -> a.compareTo(Key.of("id")));
        Key resolved = a.resolvePlaceholders("0190a6c2-0000-7000-8000-000000000000");
        assertEquals(Key.of("id", "0190a6c2-0000-7000-8000-000000000000"), resolved);
        Key plain = Key.of("x");
        assertSame(plain, plain.resolvePlaceholders("u"));
    }

    @Test
    void printsItsJsonForm() {
        assertEquals("[\"users\",42,1.5,true]", Key.of("users", 42, 1.5, true).toString());
    }
}
