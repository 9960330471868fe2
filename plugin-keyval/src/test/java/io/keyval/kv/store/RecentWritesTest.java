package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.commit.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentWritesTest {

    private final RecentWrites recent = new RecentWrites();

    @Test
    void aKeyNeverWrittenIsUnknown() {
        assertEquals(-1, recent.latest(Key.of("never")));
    }

    @Test
    void theLatestWriteOfAKeyWinsWhateverItWas() {
        Key k = Key.of("users", 1);
        recent.committed(List.of(new Change(Change.Type.SET, k, "1", null, 5)));
        assertEquals(5, recent.latest(k));

        recent.committed(List.of(new Change(Change.Type.SET, k, "2", null, 9), new Change(Change.Type.DELETE, k, null, null, 12)));
        assertEquals(12, recent.latest(k));

        recent.committed(List.of(new Change(Change.Type.EXPIRE, k, null, null, 20)));
        assertEquals(20, recent.latest(k));
    }

    @Test
    void aKeyIsNeverReportedWithAnotherKeysVersionstamp() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) { // many more keys than slots: most are forgotten
            changes.add(new Change(Change.Type.SET, Key.of("k", i), "0", null, 1_000_000L + i));
        }
        recent.committed(changes);

        int known = 0;
        for (int i = 0; i < 20_000; i++) {
            long latest = recent.latest(Key.of("k", i));
            assertTrue(latest == -1 || latest == 1_000_000L + i, "key " + i + " reported " + latest);
            known += latest == -1 ? 0 : 1;
        }
        assertTrue(known > 0 && known < 20_000, known + " keys known");
    }
}
