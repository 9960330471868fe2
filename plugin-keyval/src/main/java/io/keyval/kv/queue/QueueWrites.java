package io.keyval.kv.queue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlWork;
import io.keyval.kv.commit.CommitPipeline;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.store.StoreFailures;

/**
 * Runs the queue's transactions where the dialect says they belong: through the entries' commit
 * pipeline (SQLite: a burst of acks shares one sync) or each on its own (PostgreSQL: consumers of
 * every host do not serialise on the entries' commit sequence). Work that writes entries always goes
 * through the pipeline.
 */
final class QueueWrites {

    private final DatabaseAdapter db;
    private final CommitPipeline pipeline;
    private final boolean grouped;

    QueueWrites(DatabaseAdapter db, CommitPipeline pipeline, QueueDialect dialect) {
        this.db = db;
        this.pipeline = pipeline;
        this.grouped = dialect.groupsWrites();
    }

    /**
     * @param work queue statements only; it may run more than once (a grouped commit re-runs when
     *     another member fails), so it must have no effect outside the transaction
     * @param <R> its result
     * @return its result, once durable
     */
    <R> R run(SqlWork<R> work) {
        if (grouped) {
            return pipeline.submit(ctx -> work.run(ctx.session()));
        }
        return StoreFailures.translating(() -> db.transaction(work));
    }

    /**
     * @param command work that also writes entries
     * @param <R> its result
     * @return its result, once durable
     */
    <R> R withEntries(WriteCommand<R> command) {
        return pipeline.submit(command);
    }

    /**
     * @param work a read
     * @param <R> its result
     * @return its result
     */
    <R> R read(SqlWork<R> work) {
        return StoreFailures.translating(() -> db.read(work));
    }
}
