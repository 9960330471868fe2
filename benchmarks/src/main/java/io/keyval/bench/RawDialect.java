package io.keyval.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What the raw JDBC baselines do differently on each engine. */
interface RawDialect {

    /** @return the statements creating the baseline's tables (same shape as the store's: key bytes → JSON text) */
    List<String> createTables();

    /**
     * Creates the baseline's tables ({@link #createTables}) on a connection.
     *
     * @param connection a connection to a fresh database
     * @throws SQLException on failure
     */
    default void createTablesOn(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String ddl : createTables()) {
                s.execute(ddl);
            }
        }
    }

    /** @return the statement creating the queue baseline's table (W5): id in enqueue order, JSON text value */
    String createQueueTable();

    /** @return what follows the queue baseline's candidate query so that consumers skip each other's rows */
    String skipLocked();

    /** @return the statements creating the search baseline's table (W7): id, title, body, and its text index */
    List<String> createSearchTable();

    /** @return the search baseline's insert of {@code (id, title, body)} */
    String insertSearchDocument();

    /**
     * @return the search baseline's query, written directly for the engine: {@code (id, title, body)}
     *     of the best matches for its one parameter (an engine-syntax query, see {@link #searchSyntax}),
     *     best first, at most its second parameter
     */
    String searchQuery();

    /**
     * @param words the query's words, all required
     * @return them in the engine's query syntax
     */
    String searchSyntax(List<String> words);

    /**
     * The reference for W1 into an indexed prefix: what a text index kept in the write's own
     * transaction adds to a write, at the least (its tables are created here).
     *
     * @param connection a baseline connection, auto-commit
     * @return a writer that indexes one W1 value in the open transaction
     * @throws SQLException on failure
     */
    IndexedWrite indexedWrite(Connection connection) throws SQLException;

    /** Indexes a W1 value's {@code name}, {@code email} and {@code tags} under its key. */
    interface IndexedWrite {
        /**
         * @param key the key encoding
         * @param fields the three fields' text
         * @throws SQLException on failure
         */
        void index(byte[] key, String... fields) throws SQLException;
    }

    /** @return the statement that starts a write transaction (SQLite: take the write lock up front) */
    String beginWrite();

    /**
     * @param connection a baseline connection
     * @return its durability setting in words, read back from the database
     * @throws SQLException on failure
     */
    String durability(Connection connection) throws SQLException;
}
