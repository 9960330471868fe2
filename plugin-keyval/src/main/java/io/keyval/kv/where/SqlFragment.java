package io.keyval.kv.where;

import java.util.List;

/**
 * A piece of SQL with {@code ?} placeholders and the values to bind to them, in order.
 *
 * @param sql the SQL text (a boolean expression for where filters)
 * @param params the bound values
 */
public record SqlFragment(String sql, List<Object> params) {

    /** The always-true fragment. */
    public static final SqlFragment TRUE = new SqlFragment("1=1", List.of());
}
