package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.Databases;
import io.keyval.database.SqlWork;
import io.keyval.database.testing.TestDatabases.Engine;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAdapterTest extends DatabaseAdapterContract {

    @Override
    Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    String expectedDurability() {
        return "WAL, synchronous=FULL";
    }

    private static Databases.ClosableDatabaseService sqlite(Path dataDir, Map<String, Object> options) {
        Map<String, Object> adapter = new HashMap<>(options);
        adapter.put("type", "sqlite");
        return Databases.create(PluginConfig.of(Map.of("adapters", List.of(adapter))), dataDir);
    }

    @Test
    void unicodeLowerFoldsLikeJava() {
        String text = "ÀÉÎ Straße ΣΑΣ";

        Map<String, Object> row = db.executeOne(
                "SELECT unicode_lower(?) AS t, unicode_lower(NULL) AS n, unicode_lower(42) AS i, lower(?) AS ascii",
                text, text);

        assertEquals(text.toLowerCase(Locale.ROOT), row.get("t"));
        assertNull(row.get("n"));
        assertEquals(42L, ((Number) row.get("i")).longValue());
        // Guards the reason the function exists: SQLite's lower() leaves non-ASCII letters alone.
        assertTrue(((String) row.get("ascii")).startsWith("ÀÉÎ"));
    }

    @Test
    void unicodeLowerIsAvailableOnReaderConnections() {
        assertEquals("é", db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT unicode_lower('É')");
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    @Test
    void databaseFileLivesUnderTheDataDirectory() {
        assertTrue(Files.isRegularFile(tempDir.resolve("sqlite").resolve("_default.db")));
    }

    @Test
    void baseDirAndUrlChooseTheFile(@TempDir Path other) {
        try (var byBaseDir = sqlite(other, Map.of("baseDir", "nested/dir"))) {
            byBaseDir.getRootAdapter(null);
        }
        Path file = other.resolve("by-url").resolve("kv.db");
        try (var byUrl = sqlite(other, Map.of("url", "sqlite://" + file.toAbsolutePath()))) {
            byUrl.getRootAdapter(null);
        }

        assertTrue(Files.isRegularFile(other.resolve("nested/dir/_default.db")));
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void inMemoryUrlIsRefused() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> sqlite(tempDir, Map.of("url", "sqlite://:memory:")));
        assertTrue(e.getMessage().contains("sqlite:///absolute/path.db"), e.getMessage());
    }

    @Test
    void synchronousNormalIsAccepted(@TempDir Path other) {
        try (var service = sqlite(other, Map.of("synchronous", "normal"))) {
            assertEquals("WAL, synchronous=NORMAL", service.getRootAdapter(null).durability());
        }
    }

    @Test
    void readWithoutWaitingAnswersWhileAReaderIsIdleAndNeverWaitsForOne(@TempDir Path other) throws Exception {
        try (var service = sqlite(other, Map.of("readers", 1))) {
            DatabaseAdapter one = service.getRootAdapter(null);
            one.execute("CREATE TABLE t (v INTEGER)");
            one.execute("INSERT INTO t VALUES (7)");
            SqlWork<Long> value = s -> {
                try (ResultSet rs = s.prepare("SELECT v FROM t").executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            };
            assertEquals(Optional.of(7L), one.readWithoutWaiting(value));

            CountDownLatch readerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> one.read(s -> {
                readerBusy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            holder.start();
            try {
                assertTrue(readerBusy.await(10, TimeUnit.SECONDS));
                assertEquals(Optional.empty(), one.readWithoutWaiting(value), "the only reader is busy");
            } finally {
                release.countDown();
                holder.join(10_000);
            }
            assertEquals(Optional.of(7L), one.readWithoutWaiting(value));
        }
    }

    @Test
    void otherSynchronousValuesAreRejected() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> sqlite(tempDir, Map.of("synchronous", "OFF")));
        assertTrue(e.getMessage().contains("FULL or NORMAL"), e.getMessage());
    }

    @Test
    void readsCannotWrite() {
        assertThrows(DatabaseException.class,
                () -> db.read(s -> s.prepare("INSERT INTO items (id, n) VALUES ('a', 1)").executeUpdate()));
    }

    @Test
    void writerStatementsSurviveAcrossTransactions() {
        String sql = "SELECT COUNT(*) FROM items";
        PreparedStatement first = db.transaction(s -> s.prepare(sql));
        PreparedStatement second = db.transaction(s -> s.prepare(sql));

        assertSame(first, second);
    }

    @Test
    void closedAdapterRefusesWork() {
        DatabaseAdapter adapter = db;
        service.close();

        assertThrows(DatabaseException.class, () -> adapter.execute("SELECT 1"));
        assertThrows(DatabaseException.class, () -> adapter.read(s -> 1));
    }
}
