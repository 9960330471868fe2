package io.keyval.kv.commit;

import io.keyval.kv.Key;
import java.sql.SQLException;
import java.util.List;

/**
 * One commit: work applied inside the store's write transaction by the {@link CommitPipeline}.
 * It must read what decides its writes through the {@link WriteContext} (inside the transaction),
 * and throw {@link io.keyval.kv.KvValidationException} to reject itself: its writes are then rolled
 * back without affecting other commits of the same group.
 *
 * <p>A command may be applied more than once for one commit: when another commit of its group fails,
 * or the connection is lost before {@code COMMIT}, the group rolls back and runs again. So it must have
 * no effect outside the transaction (listeners hear only the run that committed).
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface WriteCommand<R> {

    /**
     * @param ctx the transaction, this commit's versionstamp and clock
     * @return the result handed back to the submitter once the commit is durable
     * @throws SQLException on a database failure
     */
    R apply(WriteContext ctx) throws SQLException;

    /**
     * A hint: the keys {@link #apply} will read with {@link WriteContext#readLive}, so that a group of
     * commits can read them all in one query. Reads of other keys still work, one query each.
     *
     * @return the keys, possibly with duplicates; none by default
     */
    default List<Key> keysRead() {
        return List.of();
    }
}
