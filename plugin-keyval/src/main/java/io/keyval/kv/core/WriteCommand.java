package io.keyval.kv.core;

import java.sql.SQLException;

/**
 * One commit: work applied inside the store's write transaction by the {@link CommitPipeline}.
 * It must read what decides its writes through the {@link WriteContext} (inside the transaction),
 * and throw {@link io.keyval.kv.KvValidationException} to reject itself: its writes are then rolled
 * back without affecting other commits of the same group.
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
}
