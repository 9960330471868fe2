package io.keyval.kv.queue;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.commit.Uuid7;
import io.keyval.kv.commit.WriteContext;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.metrics.QueueGauges;
import io.keyval.kv.store.JsonValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The queue's statements on a session: each method is one step of a queue operation's transaction. */
final class MessageTable {

    static final String DEFAULT_ERROR = "Max attempts exceeded";

    private final QueueStatements sql;

    MessageTable(QueueDialect dialect) {
        this.sql = new QueueStatements(dialect);
    }

    private static final Uuid7.Ordered IDS = new Uuid7.Ordered();

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    /** @return whether {@code id} has the form of the ids {@link #newId} makes */
    static boolean couldBeId(String id) {
        return ID.matcher(id).matches();
    }

    /** @return a new message or dead-letter id: a UUIDv7, greater than the ones made before on this host */
    static String newId() {
        return IDS.next(System.currentTimeMillis());
    }

    /** Inserts with the commit (on PostgreSQL, in its round trip: nothing is read back). */
    void insert(SqlSession s, String id, NewMessage m) throws SQLException {
        s.executeAtCommit(sql.insert, id, m.valueJson(), m.priority(), m.delayMillis(), m.backoffMillis().size() + 1,
                jsonArray(m.backoffMillis()), m.keysIfUndelivered() == null ? null : keysJson(m.keysIfUndelivered()));
    }

    /**
     * @param lockMillis how long the message stays locked
     * @return the message taken, or {@code null} when none is deliverable
     */
    Delivery dequeue(SqlSession s, long lockMillis) throws SQLException {
        PreparedStatement ps = s.prepare(sql.dequeue);
        ps.setLong(1, lockMillis);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new Delivery(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getLong(5));
        }
    }

    void delete(SqlSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare(sql.delete);
        ps.setString(1, id);
        ps.executeUpdate();
    }

    /** Deletes with the commit (on PostgreSQL, in its round trip), when nobody needs to know whether it was there. */
    void deleteAtCommit(SqlSession s, String id) throws SQLException {
        s.executeAtCommit(sql.delete, id);
    }

    /**
     * Schedules a nacked message's next attempt, unless it had its last one.
     *
     * @return how long until it is ready again (ms); {@link Nack#GONE} for an unknown id, or
     *     {@link Nack#FINAL} when it must be dead-lettered (nothing changed then)
     */
    long retry(SqlSession s, String id) throws SQLException {
        PreparedStatement read = s.prepare(sql.readForNack);
        read.setString(1, id);
        long wait;
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                return Nack.GONE;
            }
            int attempts = rs.getInt(1);
            if (attempts >= rs.getInt(2)) {
                return Nack.FINAL;
            }
            wait = Backoff.delayAfter(rs.getString(3), attempts);
        }
        PreparedStatement update = s.prepare(sql.retry);
        update.setLong(1, wait);
        update.setString(2, id);
        update.executeUpdate();
        return wait;
    }

    /**
     * Moves a message that had its last attempt to the dead-letter queue and writes its value to its
     * fallback keys, in the commit's transaction (so that watchers, triggers and indexes see them).
     *
     * @return the fallback keys written, or {@code null} if the message is gone or not at its last attempt
     */
    List<Key> deadLetter(WriteContext ctx, String id, String error) throws SQLException {
        SqlSession s = ctx.session();
        PreparedStatement remove = s.prepare(sql.removeDead);
        remove.setString(1, id);
        String value;
        int attempts;
        String keys;
        long createdAt;
        try (ResultSet rs = remove.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            value = rs.getString(1);
            attempts = rs.getInt(2);
            keys = rs.getString(3);
            createdAt = rs.getLong(4);
        }
        PreparedStatement insert = ctx.session().prepare(sql.insertDead);
        insert.setString(1, newId());
        insert.setString(2, id);
        insert.setString(3, value);
        insert.setString(4, error == null ? DEFAULT_ERROR : error);
        insert.setInt(5, attempts);
        insert.setLong(6, createdAt);
        insert.executeUpdate();
        List<Key> written = keys == null ? List.of() : KeyJson.parseBatch(JsonValues.tree(keys));
        for (Key key : written) {
            ctx.put(key, value, null);
        }
        return written;
    }

    /**
     * Gives back a delivered message whose consumer is gone: pending and unlocked; if it never reached
     * the consumer, its attempt is not counted. Nothing happens if it was delivered again since.
     *
     * @return whether it was released
     */
    boolean release(SqlSession s, Delivery d, boolean received) throws SQLException {
        PreparedStatement ps = s.prepare(received ? sql.unlock : sql.release);
        ps.setString(1, d.id());
        ps.setInt(2, d.attempts());
        return ps.executeUpdate() > 0;
    }

    /** @return how many expired locks were reset */
    int resetExpired(SqlSession s) throws SQLException {
        return s.prepare(sql.resetExpired).executeUpdate();
    }

    /** @return how long until the next message becomes deliverable (ms, 0 if one is now), or -1 for never */
    long nextDue(SqlSession s) throws SQLException {
        try (ResultSet rs = s.prepare(sql.nextDue).executeQuery()) {
            rs.next();
            long ready = rs.getLong(1);
            boolean anyPending = !rs.wasNull();
            long unlock = rs.getLong(2);
            boolean anyLocked = !rs.wasNull();
            long now = rs.getLong(3);
            if (!anyPending && !anyLocked) {
                return -1;
            }
            long due = Math.min(anyPending ? ready : Long.MAX_VALUE, anyLocked ? unlock : Long.MAX_VALUE);
            return Math.max(0, due - now);
        }
    }

    QueueGauges.Counts stats(SqlSession s) throws SQLException {
        try (ResultSet rs = s.prepare(sql.stats).executeQuery()) {
            rs.next();
            return new QueueGauges.Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    List<DeadLetter> listDead(SqlSession s, int limit, int offset) throws SQLException {
        PreparedStatement ps = s.prepare(sql.listDead);
        ps.setInt(1, limit);
        ps.setInt(2, offset);
        return deadLetters(ps);
    }

    DeadLetter getDead(SqlSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare(sql.getDead);
        ps.setString(1, id);
        List<DeadLetter> found = deadLetters(ps);
        return found.isEmpty() ? null : found.get(0);
    }

    /** @return the dead letter's value, deleted; {@code null} if there is none */
    String takeDead(SqlSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare(sql.takeDead);
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void deleteDead(SqlSession s, String id) throws SQLException {
        PreparedStatement ps = s.prepare(sql.deleteDead);
        ps.setString(1, id);
        ps.executeUpdate();
    }

    long purgeDead(SqlSession s) throws SQLException {
        return s.prepare(sql.purgeDead).executeUpdate();
    }

    private static List<DeadLetter> deadLetters(PreparedStatement ps) throws SQLException {
        List<DeadLetter> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getLong(6), rs.getLong(7)));
            }
        }
        return out;
    }

    /** @return {@code [1000,5000]}: cheaper than a JSON library for a list of longs */
    static String jsonArray(List<Long> millis) {
        StringBuilder json = new StringBuilder(8 * millis.size() + 2).append('[');
        for (int i = 0; i < millis.size(); i++) {
            json.append(i > 0 ? "," : "").append(millis.get(i).longValue());
        }
        return json.append(']').toString();
    }

    static String keysJson(List<Key> keys) {
        StringBuilder json = new StringBuilder("[");
        for (Key k : keys) {
            json.append(json.length() > 1 ? "," : "").append(k);
        }
        return json.append(']').toString();
    }

    /** Outcomes of {@link #retry} other than a wait. */
    static final class Nack {
        static final long GONE = -1;
        static final long FINAL = -2;

        private Nack() {
        }
    }
}
