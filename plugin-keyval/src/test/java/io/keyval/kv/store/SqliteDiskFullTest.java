package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.database.testing.SmallFilesystem;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Key;
import io.keyval.kv.KvStorageFullException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full disk on a real (tiny) filesystem: the writes it hits fail with a clear error and change
 * nothing, reads go on, and writes work again as soon as space is freed, without a restart.
 */
class SqliteDiskFullTest {

    private static final String BIG = "\"" + "x".repeat(200_000) + "\"";

    @Test
    void aFullDiskFailsTheWritesItHitsAndWritesWorkAgainOnceSpaceIsBack() {
        try (SmallFilesystem fs = SmallFilesystem.mount(4);
             Databases.ClosableDatabaseService db = Databases.create(
                     PluginConfig.of(Map.of("adapters", List.of(Map.of("type", "sqlite")))), fs.dir())) {
            KvStore store = KvStore.open(db.getRootAdapter(null), Clock.systemUTC());
            try {
                String before = store.set(Key.of("before"), "1", null);
                fs.fill();

                // Large values need new pages: the statement or the WAL append at COMMIT fails.
                KvStorageFullException full = assertThrows(KvStorageFullException.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        store.set(Key.of("big", i), BIG, null);
                    }
                });
                assertTrue(full.getMessage().contains("disk full"), full.getMessage());
                // Every later write that needs space fails the same clear way, never with a stuck transaction.
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    assertThrows(KvStorageFullException.class, () -> store.set(Key.of("big", "again", n), BIG, null));
                }
                assertEquals("1", store.get(Key.of("before")).json(), "reads go on while the disk is full");
                assertEquals(before, store.get(Key.of("before")).versionstamp());

                fs.release();
                String after = store.set(Key.of("after"), "3", null);
                assertEquals("3", store.get(Key.of("after")).json());
                assertTrue(after.compareTo(before) > 0, "versionstamps still grow after the failures");
                store.set(Key.of("big", 0), BIG, null);
                assertEquals(BIG, store.get(Key.of("big", 0)).json());
                assertFalse(store.get(Key.of("big", "again", 0)).exists(), "a failed write left nothing behind");
            } finally {
                store.close();
            }
        }
    }

    @Test
    void aSmallWriteWhoseCommitCannotGrowTheLogFailsAndTheNextOneWorks() {
        try (SmallFilesystem fs = SmallFilesystem.mount(4);
             Databases.ClosableDatabaseService db = Databases.create(
                     PluginConfig.of(Map.of("adapters", List.of(Map.of("type", "sqlite")))), fs.dir())) {
            KvStore store = KvStore.open(db.getRootAdapter(null), Clock.systemUTC());
            try {
                store.set(Key.of("before"), "1", null);
                fs.fill();
                // A one-page write: the statement fits in memory, the WAL append inside COMMIT fails.
                KvStorageFullException full = assertThrows(KvStorageFullException.class, () -> {
                    for (int i = 0; i < 50; i++) {
                        store.set(Key.of("small", i), "2", null);
                    }
                });
                assertTrue(full.getMessage().contains("disk full"), full.getMessage());
                fs.release();
                store.set(Key.of("after"), "3", null);
                assertEquals("3", store.get(Key.of("after")).json());
            } finally {
                store.close();
            }
        }
    }
}
