package io.keyval.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What the raw JDBC baselines do differently on each engine. */
interface RawDialect {

    /** @return the statements creating the baseline's tables (same shape as the store's: key bytes → JSON text) */
    List<String> createTables();

    /** @return the statement creating the queue baseline's table (W5): id in enqueue order, JSON text value */
    String createQueueTable();

    /** @return what follows the queue baseline's candidate query so that consumers skip each other's rows */
    String skipLocked();

    /** @return the statement that starts a write transaction (SQLite: take the write lock up front) */
    String beginWrite();

    /**
     * @param connection a baseline connection
     * @return its durability setting in words, read back from the database
     * @throws SQLException on failure
     */
    String durability(Connection connection) throws SQLException;
}
