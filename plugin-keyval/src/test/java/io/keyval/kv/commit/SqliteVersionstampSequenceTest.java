package io.keyval.kv.commit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.database.testing.TestDatabases.Engine;
import io.keyval.kv.Key;
import io.keyval.kv.store.KvStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite hands out versionstamps from blocks reserved in the sequence row. These tests share one
 * database file between stores (as two processes would) and check that versionstamps still grow in
 * commit order, across reopening and after a rolled-back reservation.
 */
class SqliteVersionstampSequenceTest {

    @TempDir
    Path dir;

    private static String set(KvStore store, int i) {
        return store.set(Key.of("k", i), "{\"i\":" + i + "}", null);
    }

    @Test
    void storesSharingTheFileInterleaveIncreasingVersionstamps() {
        try (Databases.ClosableDatabaseService first = TestDatabases.open(Engine.SQLITE, dir);
             Databases.ClosableDatabaseService second = TestDatabases.open(Engine.SQLITE, dir);
             KvStore a = KvStore.open(first.getRootAdapter(null), Clock.systemUTC());
             KvStore b = KvStore.open(second.getRootAdapter(null), Clock.systemUTC())) {
            String last = "";
            for (int i = 0; i < 20; i++) {
                String stamp = set(i % 3 == 0 ? b : a, i);
                assertTrue(stamp.compareTo(last) > 0, stamp + " after " + last);
                last = stamp;
            }
        }
    }

    @Test
    void aReopenedStoreContinuesAboveEverythingCommitted() {
        String before;
        try (Databases.ClosableDatabaseService service = TestDatabases.open(Engine.SQLITE, dir);
             KvStore store = KvStore.open(service.getRootAdapter(null), Clock.systemUTC())) {
            set(store, 1);
            before = set(store, 2);
        }
        try (Databases.ClosableDatabaseService service = TestDatabases.open(Engine.SQLITE, dir);
             KvStore store = KvStore.open(service.getRootAdapter(null), Clock.systemUTC())) {
            String after = set(store, 3);
            assertTrue(after.compareTo(before) > 0, after + " after " + before);
        }
    }

    @Test
    void aRolledBackReservationIsNotTrusted() {
        try (Databases.ClosableDatabaseService service = TestDatabases.open(Engine.SQLITE, dir);
             KvStore store = KvStore.open(service.getRootAdapter(null), Clock.systemUTC())) {
            DatabaseAdapter db = service.getRootAdapter(null);
            VersionstampSequence sequence = new VersionstampSequence.BlockReservation();
            long committed = db.transaction(s -> sequence.allocate(s, 1).last());
            // Exhausts the block, so that a new one is reserved, then rolls the reservation back.
            assertThrows(IllegalStateException.class, () -> db.transaction(s -> {
                sequence.allocate(s, (int) VersionstampSequence.BlockReservation.BLOCK + 1);
                throw new IllegalStateException("rolled back");
            }));
            String fromOtherStore = set(store, 1);

            long next = db.transaction(s -> sequence.allocate(s, 1).last());

            assertTrue(next > committed, next + " after " + committed);
            assertTrue(next > Versionstamps.parse(fromOtherStore), next + " after " + fromOtherStore);
            // What a reopened store starts above: every number committed must be within it.
            long persistedEnd = ((Number) db.executeOne("SELECT value FROM kv_sequence WHERE id = 1").get("value"))
                    .longValue();
            assertTrue(persistedEnd >= next, "handed out " + next + " beyond the persisted end " + persistedEnd);
        }
    }
}
