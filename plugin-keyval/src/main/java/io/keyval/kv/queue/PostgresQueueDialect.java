package io.keyval.kv.queue;

/**
 * PostgreSQL: consumers on every host dequeue concurrently with {@code FOR UPDATE SKIP LOCKED}, each
 * in its own transaction (outside the entries' commit sequence, whose row lock would serialise them);
 * times come from the database clock ({@code statement_timestamp()}, fixed for one statement), so
 * that hosts with skewed clocks still honour delays and locks.
 */
public final class PostgresQueueDialect implements QueueDialect {

    @Override
    public String nowMillis() {
        return "(extract(epoch FROM statement_timestamp()) * 1000)::bigint";
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE OF kv_queue SKIP LOCKED";
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public boolean groupsWrites() {
        return false;
    }
}
