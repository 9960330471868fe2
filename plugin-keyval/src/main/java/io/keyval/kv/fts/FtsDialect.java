package io.keyval.kv.fts;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.where.SqlFragment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How each engine stores and searches an index: SQLite in an FTS5 table with its own tokenizer,
 * PostgreSQL in a {@code tsvector} column with a GIN index, holding the terms {@link TextTokenizer}
 * made. Writes happen inside the entries' write transaction; table names come from
 * {@link IndexDefinition#table()}, a number, and everything else is a bound parameter.
 */
public interface FtsDialect {

    /**
     * Creates the tables of a new index.
     *
     * @param session the write transaction
     * @param index the index
     * @throws SQLException on a database failure
     */
    void createStorage(SqlSession session, IndexDefinition index) throws SQLException;

    /**
     * Drops the tables of an index whose definition is gone (removed or replaced), in a transaction of
     * its own after that change committed: on PostgreSQL a drop waits for the searches under way on
     * the index, and the writers must not wait with it.
     *
     * @param session a write transaction
     * @param id the index number
     * @throws SQLException on a database failure, or when the tables are in use for too long
     */
    void dropStorage(SqlSession session, long id) throws SQLException;

    /** @return a query whose first column is the name of each table of the store's schema */
    String tableNamesQuery();

    /**
     * @param session a session
     * @return the numbers of every index that has tables (some may have no definition any more: a
     *     drop cut short by a crash or a timeout)
     * @throws SQLException on a database failure
     */
    default List<Long> storedIndexes(SqlSession session) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = session.prepare(tableNamesQuery()).executeQuery()) {
            while (rs.next()) {
                IndexDefinition.idOf(rs.getString(1)).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /**
     * @param failure one exception (not its causes)
     * @return whether it is the engine's "no such table"
     */
    boolean isMissingTable(Throwable failure);

    /**
     * @param failure what a search threw
     * @return whether it failed because the index's tables are gone (it was replaced or removed)
     */
    default boolean isMissingStorage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isMissingTable(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Indexes (or re-indexes) an entry.
     *
     * @param session the write transaction
     * @param index the index
     * @param key the entry's key
     * @param texts the text of each field ({@link IndexedFields#texts})
     * @param expiresAt the entry's expiry (epoch ms), or {@code null}
     * @throws SQLException on a database failure
     */
    void put(SqlSession session, IndexDefinition index, Key key, List<String> texts, Long expiresAt) throws SQLException;

    /**
     * Removes entries from the index, those that are there.
     *
     * @param session the write transaction
     * @param index the index
     * @param keys the entries' keys, at least one
     * @throws SQLException on a database failure
     */
    void remove(SqlSession session, IndexDefinition index, List<Key> keys) throws SQLException;

    /**
     * Removes every entry of a key range from the index.
     *
     * @param session the write transaction
     * @param index the index
     * @param range a non-empty range within the index's prefix
     * @throws SQLException on a database failure
     */
    void removeRange(SqlSession session, IndexDefinition index, KeyRange range) throws SQLException;

    /**
     * Builds the search: the live entries of the index that match the query and the filter, best
     * first, ties in key order, as rows of {@code key, value, versionstamp}.
     *
     * @param index the index
     * @param query the parsed query
     * @param where a compiled where filter over {@code value}, or {@code null}
     * @param now the time that decides expiry (epoch ms)
     * @param limit the most rows
     * @return the query and its parameters
     * @throws io.keyval.kv.KvValidationException when a term has nothing to search for
     */
    SqlFragment search(IndexDefinition index, SearchQuery query, SqlFragment where, long now, int limit);
}
