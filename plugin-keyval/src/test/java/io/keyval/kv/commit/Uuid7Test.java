package io.keyval.kv.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Uuid7Test {

    @Test
    void orderedIdsSortAsTextInTheOrderTheyWereMadeAlsoWithinOneMillisecondAndPastTheCounter() {
        Uuid7.Ordered ids = new Uuid7.Ordered();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5000; i++) { // more than the 4096 counter values of one millisecond
            made.add(ids.next(1_700_000_000_000L));
        }
        made.add(ids.next(1_699_999_999_999L)); // the clock went back: still greater
        for (int i = 1; i < made.size(); i++) {
            assertTrue(made.get(i - 1).compareTo(made.get(i)) < 0, made.get(i - 1) + " then " + made.get(i));
        }
        for (String id : made) {
            UUID u = UUID.fromString(id);
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            assertEquals(id, u.toString());
        }
        assertTrue(made.get(0).startsWith("018bcfe5-6800-7000-"), made.get(0));
    }

    @Test
    void randomIdsCarryTheirTimestamp() {
        UUID u = UUID.fromString(Uuid7.next(1_700_000_000_000L));
        assertEquals(7, u.version());
        assertEquals(1_700_000_000_000L, u.getMostSignificantBits() >>> 16);
    }
}
