package io.keyval.database;

import java.sql.SQLException;

/**
 * Work run on a connection by {@link DatabaseAdapter#read} or {@link DatabaseAdapter#transaction}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * @param session the connection, with a prepared-statement cache
     * @return the result
     * @throws SQLException on a database error
     */
    T run(SqlSession session) throws SQLException;
}
