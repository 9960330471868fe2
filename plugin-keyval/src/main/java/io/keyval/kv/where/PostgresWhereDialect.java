package io.keyval.kv.where;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where-filter SQL for PostgreSQL ({@code json} operators).
 *
 * <p>A field is reached with chained {@code ->} operators, each member bound as text and each index as
 * an integer, once per field test: {@link #fieldTest} extracts it in a scalar subquery, and the
 * views ({@link #isPresent}, {@link #numberAt}, ...) read that extracted field, which is why they
 * ignore their {@code path}. The planner does not promise any evaluation order for AND/OR, so every
 * cast and every text extraction sits behind a {@code CASE} on {@code json_typeof}: a row whose field
 * has another kind yields NULL instead of raising an error. Numbers are compared as {@code numeric} (exact, bigint
 * tags included); text uses {@code COLLATE "C"} (byte order = code-point order in UTF-8).
 *
 * <p>{@code json} accepts U+0000 escapes in strings, but every {@code ->} on such a document fails
 * ("unsupported Unicode escape sequence"). Such rows are read through a copy in which the escape is
 * replaced by the one for U+FFFD, and operands get the same replacement, so filters never fail on them;
 * U+0000 and U+FFFD are therefore indistinguishable in filters on PostgreSQL.
 */
public final class PostgresWhereDialect implements WhereDialect {

    /**
     * The field every view reads: the element {@link #fieldTest} extracts once per test. Each
     * {@code ->} re-parses the {@code json} text, and a test uses its field up to seven times.
     */
    private static final SqlFragment FIELD = new SqlFragment("_f.e", List.of());

    /**
     * A U+0000 escape not itself escaped by a backslash, and its replacement (U+FFFD). Bound as
     * parameters: no {@code ?} inside SQL literals, no double escaping.
     */
    private static final String NUL_ESCAPE = "(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000";
    private static final String NUL_REPLACEMENT = "\\1\\\\ufffd";

    /** The column; a document with a U+0000 escape is re-parsed with the escape replaced. */
    private static SqlFragment root() {
        return SqlFragment.builder()
                .sql("(CASE WHEN strpos(value::text, CAST(").param("\\u0000").sql(" AS text)) = 0 THEN value")
                .sql(" ELSE regexp_replace(value::text, ").param(NUL_ESCAPE).sql(", ").param(NUL_REPLACEMENT).sql(", 'g')::json END)")
                .build();
    }

    @Override
    public SqlFragment fieldTest(FieldPath path, SqlFragment test) {
        return SqlFragment.builder().sql("(SELECT ").add(test).sql(" FROM (SELECT ").add(element(path))
                .sql(" AS e) AS _f)").build();
    }

    @Override
    public SqlFragment isPresent(FieldPath path) {
        return SqlFragment.builder().sql("(").add(FIELD).sql(" IS NOT NULL)").build();
    }

    @Override
    public SqlFragment isLiteral(FieldPath path, JsonLiteral literal) {
        SqlFragment.Builder sql = SqlFragment.builder();
        return switch (literal) {
            case NULL -> sql.sql("json_typeof(").add(FIELD).sql(") = 'null'").build();
            case TRUE, FALSE -> sql.sql("(CASE WHEN json_typeof(").add(FIELD).sql(") = 'boolean' THEN ").add(FIELD)
                    .sql(" #>> '{}' END) = ").sql(literal == JsonLiteral.TRUE ? "'true'" : "'false'").build();
        };
    }

    @Override
    public SqlFragment numberAt(FieldPath path) {
        // Raw json text of the tag members: exact, and cannot fail the way ->> can.
        return SqlFragment.builder()
                .sql("(CASE json_typeof(").add(FIELD).sql(")")
                .sql(" WHEN 'number' THEN (").add(FIELD).sql(" #>> '{}')::numeric")
                .sql(" WHEN 'object' THEN CASE WHEN (").add(FIELD).sql(" -> '__type')::text = '\"bigint\"'")
                .sql(" AND (").add(FIELD).sql(" -> 'value')::text ~ '^\"-{0,1}[0-9]+\"$'")
                .sql(" THEN btrim((").add(FIELD).sql(" -> 'value')::text, '\"')::numeric END END)")
                .build();
    }

    @Override
    public SqlFragment stringAt(FieldPath path) {
        return SqlFragment.builder()
                .sql("((CASE WHEN json_typeof(").add(FIELD).sql(") = 'string' THEN ").add(FIELD).sql(" #>> '{}' END) COLLATE \"C\")")
                .build();
    }

    @Override
    public SqlFragment isEmptyArray(FieldPath path) {
        return SqlFragment.builder()
                .sql("(CASE WHEN json_typeof(").add(FIELD).sql(") = 'array' THEN json_array_length(").add(FIELD)
                .sql(") = 0 ELSE FALSE END)")
                .build();
    }

    @Override
    public SqlFragment number(BigDecimal value) {
        return SqlFragment.builder().sql("CAST(").param(value).sql(" AS numeric)").build();
    }

    @Override
    public SqlFragment string(String value) {
        return text(value);
    }

    @Override
    public SqlFragment lowerCase(SqlFragment text) {
        // lower() under COLLATE "C" folds ASCII only; an ICU collation folds all of Unicode with the
        // root-locale rules Java's toLowerCase(Locale.ROOT) also uses (final sigma, dotted capital I).
        return SqlFragment.builder().sql("(lower(").add(text).sql(" COLLATE \"und-x-icu\") COLLATE \"C\")").build();
    }

    @Override
    public SqlFragment contains(SqlFragment text, String needle) {
        return SqlFragment.builder().sql("strpos(").add(text).sql(", ").add(text(needle)).sql(") > 0").build();
    }

    @Override
    public SqlFragment startsWith(SqlFragment text, String prefix) {
        return SqlFragment.builder().sql("starts_with(").add(text).sql(", ").add(text(prefix)).sql(")").build();
    }

    @Override
    public SqlFragment endsWith(SqlFragment text, String suffix) {
        return SqlFragment.builder()
                .sql("right(").add(text).sql(", char_length(").add(text(suffix)).sql(")) = ").add(text(suffix))
                .build();
    }

    /** A bound text value; U+0000 cannot be sent to PostgreSQL and maps like the rows do (see class doc). */
    private static SqlFragment text(String value) {
        return SqlFragment.builder().sql("CAST(").param(value.replace('\u0000', '\uFFFD')).sql(" AS text)").build();
    }

    /** The field as {@code json}, NULL when missing; the path only as bound parameters. */
    private static SqlFragment element(FieldPath path) {
        SqlFragment.Builder sql = SqlFragment.builder();
        sql.sql("(".repeat(path.segments().size())).add(root());
        for (FieldPath.Segment segment : path.segments()) {
            if (segment instanceof FieldPath.Member m) {
                sql.sql(" -> CAST(").param(m.name()).sql(" AS text))");
            } else if (segment instanceof FieldPath.Index i) {
                sql.sql(" -> CAST(").param(i.position()).sql(" AS integer))");
            }
        }
        return sql.build();
    }
}
