package io.keyval.kv.queue;

/**
 * The queue's SQL, built once from the dialect. Every time is the database clock's
 * ({@link QueueDialect#nowMillis}), so that the times compared and the times written agree.
 */
final class QueueStatements {

    private static final String ORDER = " ORDER BY priority DESC, ready_at, id LIMIT 1";
    private static final String MESSAGE_COLUMNS = "id, value, attempts, locked_until";
    private static final String DLQ_COLUMNS = "id, original_id, value, error_message, attempts, original_created_at, failed_at";

    final String insert;
    final String dequeue;
    final String delete;
    final String readForNack;
    final String retry;
    final String removeDead;
    final String insertDead;
    final String release;
    final String unlock;
    final String resetExpired;
    final String nextDue;
    final String stats;
    final String listDead;
    final String getDead;
    final String takeDead;
    final String deleteDead;
    final String purgeDead;

    QueueStatements(QueueDialect dialect) {
        String now = dialect.nowMillis();
        insert = "INSERT INTO kv_queue (id, value, priority, ready_at, attempts, max_attempts, backoff_schedule,"
                + " keys_if_undelivered, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, " + now + " + ?, 0, ?, ?, ?, 'pending', " + now + ", " + now + ")";
        // The best ready message and the best one whose lock expired, each one index probe; then the
        // better of the two. Expired locks are thus deliverable even with the cleanup task off.
        dequeue = "UPDATE kv_queue SET status = 'processing', locked_until = " + now + " + ?, attempts = attempts + 1,"
                + " updated_at = " + now
                + " WHERE id = (SELECT id FROM ("
                + "SELECT id, priority, ready_at FROM (SELECT id, priority, ready_at FROM kv_queue"
                + " WHERE status = 'pending' AND ready_at <= " + now + ORDER + dialect.skipLocked() + ") ready"
                + " UNION ALL SELECT id, priority, ready_at FROM (SELECT id, priority, ready_at FROM kv_queue"
                + " WHERE status = 'processing' AND locked_until <= " + now + ORDER + dialect.skipLocked() + ") expired"
                + ORDER + ") best)"
                + " RETURNING " + MESSAGE_COLUMNS + ", " + now;
        delete = "DELETE FROM kv_queue WHERE id = ?";
        readForNack = "SELECT attempts, max_attempts, backoff_schedule FROM kv_queue WHERE id = ?" + dialect.forUpdate();
        retry = "UPDATE kv_queue SET status = 'pending', ready_at = " + now + " + ?, locked_until = NULL, updated_at = "
                + now + " WHERE id = ?";
        removeDead = "DELETE FROM kv_queue WHERE id = ? AND attempts >= max_attempts"
                + " RETURNING value, attempts, keys_if_undelivered, created_at";
        insertDead = "INSERT INTO kv_dlq (" + DLQ_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, " + now + ")";
        release = "UPDATE kv_queue SET status = 'pending', locked_until = NULL, attempts = attempts - 1, updated_at = "
                + now + " WHERE id = ? AND status = 'processing' AND attempts = ?";
        unlock = "UPDATE kv_queue SET status = 'pending', locked_until = NULL, updated_at = "
                + now + " WHERE id = ? AND status = 'processing' AND attempts = ?";
        resetExpired = "UPDATE kv_queue SET status = 'pending', locked_until = NULL, updated_at = " + now
                + " WHERE status = 'processing' AND locked_until <= " + now;
        // The earliest ready time, by a probe of the ready index per priority in use (a loose index
        // scan): no second index to maintain on every enqueue and dequeue.
        nextDue = "WITH RECURSIVE p (pr) AS (SELECT MAX(priority) FROM kv_queue WHERE status = 'pending'"
                + " UNION ALL SELECT (SELECT MAX(priority) FROM kv_queue WHERE status = 'pending' AND priority < p.pr)"
                + " FROM p WHERE p.pr IS NOT NULL)"
                + " SELECT (SELECT MIN((SELECT MIN(ready_at) FROM kv_queue WHERE status = 'pending' AND priority = p.pr))"
                + " FROM p WHERE p.pr IS NOT NULL),"
                + " (SELECT MIN(locked_until) FROM kv_queue WHERE status = 'processing'), " + now;
        stats = "SELECT (SELECT COUNT(*) FROM kv_queue WHERE status = 'pending'),"
                + " (SELECT COUNT(*) FROM kv_queue WHERE status = 'processing'), (SELECT COUNT(*) FROM kv_dlq)";
        listDead = "SELECT " + DLQ_COLUMNS + " FROM kv_dlq ORDER BY failed_at DESC, id LIMIT ? OFFSET ?";
        getDead = "SELECT " + DLQ_COLUMNS + " FROM kv_dlq WHERE id = ?";
        takeDead = "DELETE FROM kv_dlq WHERE id = ? RETURNING value";
        deleteDead = "DELETE FROM kv_dlq WHERE id = ?";
        purgeDead = "DELETE FROM kv_dlq";
    }
}
