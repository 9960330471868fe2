package io.keyval.database;

import java.util.List;

/**
 * One parameterised statement for {@link DatabaseAdapter#batch}.
 *
 * @param sql the SQL text with {@code ?} parameters
 * @param args the parameters
 */
public record SqlStatement(String sql, List<Object> args) {

    /**
     * @param sql the SQL text
     * @param args the parameters
     * @return the statement
     */
    public static SqlStatement of(String sql, Object... args) {
        return new SqlStatement(sql, java.util.Arrays.asList(args));
    }
}
