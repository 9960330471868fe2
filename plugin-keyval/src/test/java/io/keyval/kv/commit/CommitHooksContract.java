package io.keyval.kv.commit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.testing.StoreFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commit pipeline's hooks: participants write in the entries' transaction and fail their commit
 * alone; listeners hear each durable commit once.
 */
abstract class CommitHooksContract extends StoreFixture {

    /** Every change a participant saw, as rows of its own table, written in the commit's transaction. */
    private final List<CommitChanges> seen = new CopyOnWriteArrayList<>();
    private final List<Change> heard = new CopyOnWriteArrayList<>();
    private volatile Key poison;

    @BeforeAll
    void attachHooks() {
        adapter.transaction(s -> s.connection().createStatement()
                .execute("CREATE TABLE hook_log (seq BIGINT NOT NULL, kind TEXT NOT NULL, k TEXT NOT NULL)"));
        store.pipeline().addParticipant((session, commit) -> {
            PreparedStatement ps = session.prepare("INSERT INTO hook_log (seq, kind, k) VALUES (?, ?, ?)");
            for (Change c : commit.changes()) {
                if (c.key().equals(poison)) {
                    throw new SQLException("participant refuses " + c.key());
                }
                ps.setLong(1, commit.seq());
                ps.setString(2, c.type().name());
                ps.setString(3, c.key().toString());
                ps.executeUpdate();
            }
            seen.add(commit);
        });
        store.pipeline().addListener(heard::addAll);
    }

    @Test
    void aParticipantSeesTheValueAndExpiryAndWritesInTheSameTransaction() throws SQLException {
        long expiresIn = 60_000;
        String vs = store.set(k("a"), "{\"n\":1}", expiresIn);
        CommitChanges commit = commitOf(k("a"));
        Change set = commit.changes().get(0);
        assertEquals(Change.Type.SET, set.type());
        assertEquals("{\"n\":1}", set.json());
        assertEquals(clock.millis() + expiresIn, set.expiresAt());
        assertEquals(vs, Versionstamps.format(commit.seq()));
        assertEquals(List.of("SET " + k("a")), logged(commit.seq()));
    }

    @Test
    void aRangeDeleteComesAsItsRangeAndEveryRowItRemovedExpiredOnesIncluded() throws SQLException {
        store.set(k("r", "expired"), "1", 1_000L);
        store.set(k("r", "live"), "2", null);
        clock.advance(5_000); // k(r, expired) is now invisible but still stored
        assertEquals(1, store.delete(k("r"), false, null));
        CommitChanges commit = commitOf(k("r", "live"));
        KeyRange expected = KeyRange.keyAndDescendants(k("r"));
        assertEquals(1, commit.clearedRanges().size());
        assertArrayEquals(expected.lower(), commit.clearedRanges().get(0).lower());
        assertArrayEquals(expected.upper(), commit.clearedRanges().get(0).upper());
        List<String> removed = new ArrayList<>();
        commit.changes().forEach(c -> removed.add(c.type() + " " + c.key()));
        removed.sort(null); // a range delete reports its rows in no particular order
        assertEquals(List.of("DELETE " + k("r", "live"), "EXPIRE " + k("r", "expired")), removed);
        assertEquals(removed, logged(commit.seq()));
    }

    @Test
    void aFilteredDeleteRemovesOnlyWhatMatchedAndClearsNoRange() throws Exception {
        store.set(k("f", 1), "{\"x\":1}", null);
        store.set(k("f", 2), "{\"x\":2}", null);
        assertEquals(1, store.delete(k("f"), false, tree("{\"x\":2}")));
        CommitChanges commit = commitOf(k("f", 2));
        assertTrue(commit.clearedRanges().isEmpty());
        assertEquals(1, commit.changes().size());
    }

    @Test
    void aFailingParticipantFailsItsCommitAloneAndListenersHearTheOthersOnce() throws Exception {
        poison = k("poisoned");
        try {
            List<WriteCommand<?>> commits = List.of(
                    ctx -> { ctx.put(k("before"), "1", null); return null; },
                    ctx -> { ctx.put(k("poisoned", "sibling"), "2", null); ctx.put(poison, "2", null); return null; },
                    ctx -> { ctx.put(k("after"), "3", null); return null; });
            List<Future<Object>> outcomes = asOneGroup(commits);
            outcomes.get(0).get();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> outcomes.get(1).get());
            assertTrue(failed.getCause().getMessage().contains("participant refuses"), failed.getCause()::toString);
            outcomes.get(2).get();
        } finally {
            poison = null;
        }
        assertNull(store.get(k("poisoned")).json());
        assertNull(store.get(k("poisoned", "sibling")).json());
        assertEquals("1", store.get(k("before")).json());
        assertEquals("3", store.get(k("after")).json());
        // The good commits ran twice (the group re-ran without the failed one) but committed once.
        assertEquals(List.of("SET " + k("before")), logged(commitOf(k("before")).seq()));
        assertEquals(1, heard.stream().filter(c -> c.key().equals(k("before"))).count());
        assertEquals(0, heard.stream().filter(c -> c.key().equals(k("poisoned"))).count());
        // The participant logged the sibling of the failed commit inside the rolled-back transaction;
        // and the good commits' rows of their first run were rolled back with it.
        assertEquals(0, countLogged(k("poisoned", "sibling")));
        assertEquals(1, countLogged(k("before")));
        assertEquals(1, countLogged(k("after")));
    }

    /** @return the last commit a participant saw that changed {@code key} (it committed) */
    private CommitChanges commitOf(Key key) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            CommitChanges c = seen.get(i);
            if (c.changes().stream().anyMatch(ch -> ch.key().equals(key))) {
                return c;
            }
        }
        throw new AssertionError("no participant call for " + key);
    }

    /** @return what the participant's table holds for a commit: durable only if it committed */
    private List<String> logged(long seq) throws SQLException {
        return adapter.read(s -> {
            PreparedStatement ps = s.prepare("SELECT kind, k FROM hook_log WHERE seq = ?");
            ps.setLong(1, seq);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            rows.sort(null);
            return rows;
        });
    }

    private long countLogged(Key key) {
        return adapter.read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM hook_log WHERE k = ?");
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
