package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases.Engine;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store settles checks against its own recent writes without reading; writes made by another
 * store on the same database (as another process would) must still decide the checks. Two stores
 * share one SQLite file here.
 */
class AtomicCommitAcrossStoresTest {

    @TempDir
    Path dir;

    private static CommitResult checkAndSet(KvStore store, Key key, String versionstamp, String json) {
        return AtomicCommit.run(store, new AtomicRequest(List.of(new Check(key, versionstamp)),
                List.of(new Mutation(Mutation.Type.SET, key, JsonValues.tree(json), null))));
    }

    @Test
    void checksAgainstAnotherStoresWritesAreDecidedByTheDatabase() {
        try (Databases.ClosableDatabaseService first = TestDatabases.open(Engine.SQLITE, dir);
             Databases.ClosableDatabaseService second = TestDatabases.open(Engine.SQLITE, dir);
             KvStore a = KvStore.open(first.getRootAdapter(null), Clock.systemUTC());
             KvStore b = KvStore.open(second.getRootAdapter(null), Clock.systemUTC())) {
            Key key = Key.of("shared");
            String mine = a.set(key, "1", null);
            String theirs = b.set(key, "2", null); // a does not know this write

            assertFalse(checkAndSet(a, key, mine, "3").ok(), "a's own latest write is stale in the database");
            assertTrue(checkAndSet(a, key, theirs, "4").ok(), "the other store's write is current");
            assertFalse(checkAndSet(a, key, theirs, "5").ok(), "overwritten since");
            assertEquals("4", a.get(key).json());
            assertEquals("4", b.get(key).json());
        }
    }
}
