package io.keyval.kv.queue;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queue's tables as export records: messages (as they are, a message being delivered exported as
 * pending with its attempts so far) and dead letters, read in a caller's snapshot, and written back
 * by an import with their ids, times and attempts. Standard SQL both engines run as it is.
 */
public final class QueueRecords {

    private static final String MESSAGES = "SELECT id, value, priority, ready_at, attempts, max_attempts,"
            + " backoff_schedule, keys_if_undelivered, created_at FROM kv_queue ORDER BY id";
    private static final String DEAD_LETTERS = "SELECT id, original_id, value, error_message, attempts,"
            + " original_created_at, failed_at FROM kv_dlq ORDER BY id";
    private static final String INSERT_MESSAGE = "INSERT INTO kv_queue (id, value, priority, ready_at, attempts,"
            + " max_attempts, backoff_schedule, keys_if_undelivered, status, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final String INSERT_DEAD = "INSERT INTO kv_dlq (id, original_id, value, error_message, attempts,"
            + " original_created_at, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    private static final int FETCH = 500;

    private QueueRecords() {
    }

    /**
     * A message as exported.
     *
     * @param id its id
     * @param valueJson its value, compact JSON
     * @param priority its priority
     * @param readyAt when it may be delivered (epoch ms)
     * @param attempts deliveries so far
     * @param maxAttempts the attempts its schedule allows (its length + 1)
     * @param backoffJson its backoff schedule, a JSON array of ms
     * @param keysJson its {@code keysIfUndelivered}, a JSON array of keys in the wire form, or {@code null}
     * @param createdAt when it was enqueued (epoch ms)
     */
    public record Message(String id, String valueJson, int priority, long readyAt, int attempts, int maxAttempts,
            String backoffJson, String keysJson, long createdAt) {
    }

    /**
     * A message read from an export, checked like an enqueue (priority, schedule, fallback keys), with
     * an id of the form the queue makes.
     *
     * @return the message
     * @throws KvValidationException naming what is wrong
     */
    public static Message message(String id, String valueJson, long priority, long readyAt, long attempts,
            List<Long> backoffMillis, List<Key> keys, long createdAt) {
        checkId(id, "id");
        NewMessage checked = MessageLimits.of(valueJson, 0, priority, backoffMillis, keys);
        if (attempts < 0 || attempts > checked.backoffMillis().size() + 1) {
            throw new KvValidationException("attempts must be from 0 to the schedule's length + 1, received " + attempts);
        }
        return new Message(id, valueJson, checked.priority(), readyAt, (int) attempts,
                checked.backoffMillis().size() + 1, MessageTable.jsonArray(checked.backoffMillis()),
                keys == null ? null : MessageTable.keysJson(keys), createdAt);
    }

    /**
     * A dead letter read from an export, its ids of the form the queue makes and its error text free
     * of NUL characters (which PostgreSQL text refuses).
     *
     * @return the dead letter
     * @throws KvValidationException naming what is wrong
     */
    public static DeadLetter deadLetter(String id, String originalId, String valueJson, String error, long attempts,
            long createdAt, long failedAt) {
        checkId(id, "id");
        checkId(originalId, "originalId");
        if (error.indexOf('\u0000') >= 0) {
            throw new KvValidationException("error must not contain NUL characters");
        }
        if (attempts < 0 || attempts > Integer.MAX_VALUE) {
            throw new KvValidationException("attempts must be a non-negative integer, received " + attempts);
        }
        return new DeadLetter(id, originalId, valueJson, error, (int) attempts, createdAt, failedAt);
    }

    private static void checkId(String id, String field) {
        if (!MessageTable.couldBeId(id)) {
            throw new KvValidationException(field + " must be a queue id (a lower-case UUID), received " + id);
        }
    }

    /**
     * @param s a session, in the caller's snapshot
     * @param sink receives each message, in id (enqueue) order
     * @throws SQLException on a database failure
     */
    public static void messages(SqlSession s, Consumer<Message> sink) throws SQLException {
        PreparedStatement ps = s.prepare(MESSAGES);
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(new Message(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
            }
        }
    }

    /**
     * @param s a session, in the caller's snapshot
     * @param sink receives each dead letter, in id order
     * @throws SQLException on a database failure
     */
    public static void deadLetters(SqlSession s, Consumer<DeadLetter> sink) throws SQLException {
        PreparedStatement ps = s.prepare(DEAD_LETTERS);
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(new DeadLetter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getLong(6), rs.getLong(7)));
            }
        }
    }

    /**
     * Writes messages and dead letters back, keeping their ids; one that exists already is left as it is.
     *
     * @param s a write transaction
     * @param messages messages
     * @param dead dead letters
     * @param now the time of the import (epoch ms), their {@code updated_at}
     * @throws SQLException on a database failure
     */
    static void insert(SqlSession s, List<Message> messages, List<DeadLetter> dead, long now) throws SQLException {
        for (Message m : messages) {
            s.executeAtCommit(INSERT_MESSAGE, m.id(), m.valueJson(), m.priority(), m.readyAt(), m.attempts(),
                    Math.max(m.maxAttempts(), m.attempts() + 1), m.backoffJson(), m.keysJson(), m.createdAt(), now);
        }
        for (DeadLetter d : dead) {
            s.executeAtCommit(INSERT_DEAD, d.id(), d.originalId(), d.valueJson(), d.errorMessage(), d.attempts(),
                    d.originalCreatedAt(), d.failedAt());
        }
    }
}
