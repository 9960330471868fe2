package io.keyval.kv.queue;

/**
 * SQLite: one writer at a time, so no row locks; every queue write joins the entries' group commits
 * (with {@code synchronous=FULL} each commit is a sync, which grouping shares). {@code 'now'} is
 * fixed for one statement step.
 */
public final class SqliteQueueDialect implements QueueDialect {

    @Override
    public String nowMillis() {
        return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
    }

    @Override
    public String skipLocked() {
        return "";
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public boolean groupsWrites() {
        return true;
    }
}
