package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.Databases;
import io.keyval.database.SqlStatement;
import io.keyval.database.testing.TestDatabases;
import io.keyval.database.testing.TestDatabases.Engine;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every adapter must do, run against a real database per engine. */
abstract class DatabaseAdapterContract {

    /** Generous upper bound for waits that only guard against a hung test, never a timing check. */
    private static final long GUARD_SECONDS = 30;

    @TempDir
    Path tempDir;

    Databases.ClosableDatabaseService service;
    DatabaseAdapter db;

    abstract Engine engine();

    @BeforeEach
    void createTable() {
        service = TestDatabases.open(engine(), tempDir);
        db = service.getRootAdapter(null);
        String blob = engine() == Engine.SQLITE ? "BLOB" : "BYTEA";
        db.execute("CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT NOT NULL, data " + blob + ")");
    }

    @AfterEach
    void close() {
        if (service != null) { // null when the engine is unavailable and the test was skipped
            service.close();
        }
    }

    private long n(String id) {
        Map<String, Object> row = db.executeOne("SELECT n FROM items WHERE id = ?", id);
        return ((Number) row.get("n")).longValue();
    }

    private long count() {
        return ((Number) db.executeOne("SELECT COUNT(*) AS c FROM items").get("c")).longValue();
    }

    @Test
    void writesRunAtCommitInOrderAndAFailingOneFailsTheWholeTransaction() {
        db.transaction(s -> {
            s.executeAtCommit("INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L);
            s.executeAtCommit("UPDATE items SET n = n + ? WHERE id = ?", 10L, "a");
            return null;
        });
        assertEquals(11, n("a"), "both applied, in the order given");
        assertThrows(RuntimeException.class, () -> db.transaction(s -> {
            s.prepare("UPDATE items SET n = 99 WHERE id = 'a'").executeUpdate();
            s.executeAtCommit("INSERT INTO items (id, n) VALUES (?, ?)", "a", 2L); // duplicate key
            return null;
        }));
        assertEquals(11, n("a"), "nothing of the failed transaction applied");
        db.transaction(s -> {
            s.executeAtCommit("INSERT INTO items (id, n, data) VALUES (?, ?, ?)", "b", 5L, null);
            return null;
        });
        assertEquals(5, n("b"), "the session serves the next transaction, nothing left over");
        assertNull(db.executeOne("SELECT data FROM items WHERE id = 'b'").get("data"), "a null parameter");
    }

    @Test
    void typeNamesTheEngine() {
        assertEquals(engine().name().toLowerCase(), db.type());
    }

    @Test
    void roundTripsRowsIncludingBinaryData() {
        byte[] data = {0, 1, -1, 127, -128, 42};
        db.execute("INSERT INTO items (id, n, data) VALUES (?, ?, ?)", "a", 7L, data);
        db.execute("INSERT INTO items (id, n, data) VALUES (?, ?, ?)", "b", 8L, null);

        List<Map<String, Object>> rows = db.execute("SELECT id, n, data FROM items ORDER BY id");

        assertEquals(2, rows.size());
        assertEquals("a", rows.get(0).get("id"));
        assertEquals(7L, ((Number) rows.get(0).get("n")).longValue());
        assertArrayEquals(data, (byte[]) rows.get(0).get("data"));
        assertTrue(rows.get(1).containsKey("data"));
        assertNull(rows.get(1).get("data"));
        assertNull(db.executeOne("SELECT id FROM items WHERE id = ?", "missing"));
    }

    @Test
    void executeReturnsRowsOfReturningClauses() {
        db.execute("INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L);

        Map<String, Object> row = db.executeOne("UPDATE items SET n = n + 1 WHERE id = ? RETURNING n", "a");

        assertEquals(2L, ((Number) row.get("n")).longValue());
        assertEquals(List.of(), db.execute("UPDATE items SET n = 0 WHERE id = ?", "a"));
    }

    @Test
    void transactionCommitsAndReturnsTheResult() {
        String result = db.transaction(s -> {
            PreparedStatement insert = s.prepare("INSERT INTO items (id, n) VALUES (?, ?)");
            insert.setString(1, "a");
            insert.setLong(2, 1);
            insert.executeUpdate();
            return "done";
        });

        assertEquals("done", result);
        assertEquals(1, n("a"));
    }

    @Test
    void transactionRollsBackAndRethrowsRuntimeExceptionsUnchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.transaction(s -> {
            s.prepare("INSERT INTO items (id, n) VALUES ('a', 1)").executeUpdate();
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(0, count());
    }

    @Test
    void transactionRollsBackAndWrapsSqlErrors() {
        db.execute("INSERT INTO items (id, n) VALUES ('a', 1)");

        DatabaseException thrown = assertThrows(DatabaseException.class, () -> db.transaction(s -> {
            s.prepare("INSERT INTO items (id, n) VALUES ('b', 1)").executeUpdate();
            return s.prepare("INSERT INTO items (id, n) VALUES ('a', 2)").executeUpdate();
        }));

        SQLException cause = assertInstanceOf(SQLException.class, thrown.getCause());
        assertTrue(thrown.getMessage().contains(cause.getMessage()), thrown.getMessage());
        assertEquals(1, count());
    }

    @Test
    void batchIsAllOrNothing() {
        db.batch(List.of(SqlStatement.of("INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L),
                SqlStatement.of("UPDATE items SET n = n + ? WHERE id = ?", 10L, "a")));
        assertEquals(11, n("a"));

        assertThrows(DatabaseException.class, () -> db.batch(List.of(
                SqlStatement.of("INSERT INTO items (id, n) VALUES (?, ?)", "b", 1L),
                SqlStatement.of("INSERT INTO items (id, n) VALUES (?, ?)", "a", 1L))));
        assertEquals(1, count());
    }

    @Test
    void nestedTransactionJoinsTheOuterOne() {
        assertThrows(IllegalStateException.class, () -> db.transaction(outer -> {
            db.execute("INSERT INTO items (id, n) VALUES ('a', 1)");
            db.transaction(inner -> inner.prepare("INSERT INTO items (id, n) VALUES ('b', 1)").executeUpdate());
            // Reads inside the transaction see its own writes.
            int visible = db.read(s -> {
                try (ResultSet rs = s.prepare("SELECT COUNT(*) FROM items").executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(2, visible);
            throw new IllegalStateException("roll everything back");
        }));

        assertEquals(0, count());
    }

    @Test
    void concurrentReadModifyWriteTransactionsLoseNoUpdate() throws Exception {
        db.execute("INSERT INTO items (id, n) VALUES ('counter', 0)");
        String select = "SELECT n FROM items WHERE id = ?" + (engine() == Engine.POSTGRES ? " FOR UPDATE" : "");
        int threads = 8;
        int increments = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        db.transaction(s -> {
                            PreparedStatement read = s.prepare(select);
                            read.setString(1, "counter");
                            long n;
                            try (ResultSet rs = read.executeQuery()) {
                                rs.next();
                                n = rs.getLong(1);
                            }
                            PreparedStatement write = s.prepare("UPDATE items SET n = ? WHERE id = ?");
                            write.setLong(1, n + 1);
                            write.setString(2, "counter");
                            return write.executeUpdate();
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(GUARD_SECONDS * 4, TimeUnit.SECONDS); // rethrows any failure, e.g. "database is locked"
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * increments, n("counter"));
    }

    @Test
    void readsProceedWhileAWriteTransactionIsOpen() throws Exception {
        db.execute("INSERT INTO items (id, n) VALUES ('a', 1)");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch readDone = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> write = writer.submit(() -> db.transaction(s -> {
                s.prepare("UPDATE items SET n = 2 WHERE id = 'a'").executeUpdate();
                written.countDown();
                // Keep the transaction open until the reader is done; false if the reader was blocked.
                return awaitGuarded(readDone);
            }));
            assertTrue(written.await(GUARD_SECONDS, TimeUnit.SECONDS));

            long seen = db.read(s -> {
                try (ResultSet rs = s.prepare("SELECT n FROM items WHERE id = 'a'").executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            readDone.countDown();

            assertEquals(1, seen, "the read sees the last committed value");
            assertTrue(write.get(GUARD_SECONDS, TimeUnit.SECONDS), "the read did not wait for the writer");
            assertEquals(2, n("a"));
        } finally {
            writer.shutdownNow();
        }
    }

    private static boolean awaitGuarded(CountDownLatch latch) {
        try {
            return latch.await(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void preparedStatementsAreReusedAndTheirParametersCleared() {
        db.execute("INSERT INTO items (id, n) VALUES ('a', 1)");
        db.execute("INSERT INTO items (id, n) VALUES ('b', 2)");
        String sql = "SELECT n FROM items WHERE id = ?";

        for (String id : List.of("a", "b", "a")) {
            long n = db.read(s -> {
                PreparedStatement first = s.prepare(sql);
                first.setString(1, id);
                PreparedStatement again = s.prepare(sql);
                assertSame(first, again);
                assertFalse(again.isClosed());
                again.setString(1, id);
                try (ResultSet rs = again.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            });
            assertEquals(id.equals("a") ? 1L : 2L, n);
        }
    }

    @Test
    void dedicatedConnectionSeesTheSameDatabase() throws Exception {
        db.execute("INSERT INTO items (id, n) VALUES ('a', 5)");

        try (Connection connection = db.openDedicatedConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT n FROM items WHERE id = 'a'")) {
            assertTrue(connection.getAutoCommit());
            assertTrue(rs.next());
            assertEquals(5, rs.getLong(1));
        }
    }

    @Test
    void durabilityDescribesTheEngineSetting() {
        assertEquals(expectedDurability(), db.durability());
    }

    /** @return the durability text the engine's adapter must report */
    abstract String expectedDurability();
}
