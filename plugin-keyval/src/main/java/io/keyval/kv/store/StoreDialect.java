package io.keyval.kv.store;

import io.keyval.kv.commit.VersionstampSequence;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The storage differences of the store between engines. Everything else the store runs is
 * standard SQL shared by both (byte-wise key ranges, {@code ON CONFLICT}, {@code RETURNING}).
 */
public interface StoreDialect {

    /** @return how a JSON text parameter is written in SQL for the value column */
    String jsonParameter();

    /** @return a new versionstamp sequence, for one store */
    VersionstampSequence newSequence();

    /**
     * @return whether every statement is a round trip to a server, so that a group commit should
     *     batch its commits' reads and writes ({@code commit.GroupWrites})
     */
    boolean statementsAreRoundTrips();

    /**
     * @return a statement run before each piece of a range scan, in its transaction, or {@code null}:
     *     PostgreSQL must read a range in key order from the primary key, never sort it (on a small
     *     table it would scan and sort, evaluating a where filter on every row of the range for
     *     every piece)
     */
    String beforeRangeScan();

    /**
     * @return a query for the stored rows ({@code key, value, versionstamp, expires_at}, expired ones
     *     included) of several keys, in no particular order, given as its one parameter by
     *     {@link #bindKeys}: one round trip for all of them
     */
    String selectRowsOfKeys();

    /**
     * @return like {@link #selectRowsOfKeys}, but in the order the keys were given (which must be
     *     distinct), streamed without sorting the rows, with a fifth column: the key's 0-based position
     *     in that order
     */
    String selectRowsOfKeysInOrder();

    /**
     * @param ps the {@link #selectRowsOfKeys} or {@link #selectRowsOfKeysInOrder} query
     * @param keys the key encodings
     * @throws SQLException on failure
     */
    void bindKeys(PreparedStatement ps, List<byte[]> keys) throws SQLException;
}
