package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import java.sql.SQLException;
import java.util.List;

/**
 * A capability whose tables must change in the same transaction as the entries (a search index, a
 * queue table): it sees each commit's changes inside the group transaction, before {@code COMMIT},
 * so that a crash can never leave it out of step with the entries.
 *
 * <p>A participant that throws fails that commit alone, exactly like a failing command: the group
 * rolls back and runs again without it. So a participant, like a command, may run more than once for
 * the same commit and must have no effect outside the transaction.
 *
 * <pre>{@code
 * pipeline.addParticipant((session, commit) -> {
 *     for (Change c : commit.changes()) {
 *         index.update(session, c); // same transaction as the entry
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface CommitParticipant {

    /**
     * Called once per group transaction, first, with the catalog version the transaction read: a
     * participant whose definitions (which indexes exist) live in the database reloads them when the
     * version differs from the one it last saw, so that it is current on every host before the
     * group's first write. The row lock on the sequence keeps them current until {@code COMMIT}.
     *
     * @param session the group transaction's session
     * @param catalogVersion the catalog version ({@link CatalogVersion})
     * @throws SQLException on a database failure (fails the whole group)
     */
    default void beginGroup(SqlSession session, long catalogVersion) throws SQLException {
    }

    /**
     * Called once per commit that changed something, in commit order, on the writer's thread.
     *
     * @param session the group transaction's session. The entry upserts of the group may still be
     *     pending in a batch, so read what changed from {@code commit}, not from {@code kv_entries}
     * @param commit the commit's changes
     * @throws SQLException on a database failure (fails the commit)
     */
    void beforeCommit(SqlSession session, CommitChanges commit) throws SQLException;

    /**
     * Called once per group transaction, after all its commits ran (and {@link #beforeCommit} for
     * each), before {@code COMMIT}: for work done once per transaction rather than once per commit,
     * such as one notification for the whole group. A failure here fails the whole group.
     *
     * @param session the group transaction's session
     * @param commits the changes of each commit of the group that changed something, in order
     * @throws SQLException on a database failure
     */
    default void beforeGroupCommit(SqlSession session, List<CommitChanges> commits) throws SQLException {
    }
}
