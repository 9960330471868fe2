package io.keyval.kv.where;

import java.util.ArrayList;
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

    /** The always-false fragment. */
    public static final SqlFragment FALSE = new SqlFragment("1=0", List.of());

    public SqlFragment {
        params = List.copyOf(params);
    }

    /** @return a builder that appends SQL text and fragments in placeholder order */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Concatenates SQL in textual order, so parameters can never get out of step with their
     * placeholders. Only constant SQL goes through {@link #sql}; caller data goes through
     * {@link #param}.
     */
    public static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        private Builder() {
        }

        /** @param constantSql SQL text written by this code base, never caller data */
        public Builder sql(String constantSql) {
            sql.append(constantSql);
            return this;
        }

        /** @param fragment a fragment to embed */
        public Builder add(SqlFragment fragment) {
            sql.append(fragment.sql);
            params.addAll(fragment.params);
            return this;
        }

        /** @param value a value to bind; appends a {@code ?} */
        public Builder param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        /**
         * @param fragments fragments to join
         * @param separator constant SQL between them
         */
        public Builder join(List<SqlFragment> fragments, String separator) {
            for (int i = 0; i < fragments.size(); i++) {
                if (i > 0) {
                    sql.append(separator);
                }
                add(fragments.get(i));
            }
            return this;
        }

        /** @return the fragment */
        public SqlFragment build() {
            return new SqlFragment(sql.toString(), params);
        }
    }
}
