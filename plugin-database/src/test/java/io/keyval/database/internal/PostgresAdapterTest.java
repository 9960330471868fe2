package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.SqlSession;
import io.keyval.database.testing.TestDatabases;
import io.keyval.database.testing.TestDatabases.Engine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PostgresAdapterTest extends DatabaseAdapterContract {

    @Override
    Engine engine() {
        return Engine.POSTGRES;
    }

    @Override
    String expectedDurability() {
        return "synchronous_commit=" + db.read(s -> {
            try (Statement statement = s.connection().createStatement();
                 ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void aWriteAtCommitTravelsWithTheCommitNotBefore() {
        long seenInside = db.transaction(s -> {
            s.executeAtCommit("INSERT INTO items (id, n) VALUES (?, ?)", "late", 1L);
            try (ResultSet rs = s.prepare("SELECT count(*) FROM items WHERE id = 'late'").executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(0, seenInside, "not sent before COMMIT");
        assertEquals(1, db.execute("SELECT id FROM items WHERE id = 'late'").size(), "committed with it");
    }

    @Test
    void everyConnectionUsesTheConfiguredSchema() throws Exception {
        String schema = db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT current_schema()").executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertTrue(schema.startsWith("kv_test_"), schema);
        try (var connection = db.openDedicatedConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            assertEquals(schema, rs.getString(1));
        }
    }

    @Test
    void sessionsRunWithoutJitCompilation() {
        // With JIT a wide where filter spent seconds in LLVM for a query that runs in milliseconds.
        assertEquals("off", db.read(s -> {
            try (ResultSet rs = s.prepare("SHOW jit").executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
    }

    @Test
    void aReadWhoseSessionTheServerEndsRunsOnceMoreOnAFreshConnection() {
        AtomicInteger runs = new AtomicInteger();
        int pid = db.read(s -> {
            int own = backendPid(s);
            if (runs.incrementAndGet() == 1) {
                TestDatabases.terminateSession(own);
                backendPid(s); // fails: the server has ended this session
            }
            return own;
        });
        assertEquals(2, runs.get(), "the read ran once on the ended session, then once more");
        assertEquals(pid, db.read(PostgresAdapterTest::backendPid), "the fresh connection serves the next read");
    }

    @Test
    void aStreamingReadWhoseSessionTheServerEndsRunsOnceMore() {
        AtomicInteger runs = new AtomicInteger();
        db.readStreaming(s -> {
            int own = backendPid(s);
            if (runs.incrementAndGet() == 1) {
                TestDatabases.terminateSession(own);
                backendPid(s);
            }
            return own;
        });
        assertEquals(2, runs.get());
    }

    private static int backendPid(SqlSession s) throws SQLException {
        try (ResultSet rs = s.prepare("SELECT pg_backend_pid()").executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void readsAlwaysGoToAWorker() {
        assertEquals(Optional.empty(), db.readWithoutWaiting(s -> 1));
    }
}
