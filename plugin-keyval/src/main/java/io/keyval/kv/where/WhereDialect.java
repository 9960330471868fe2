package io.keyval.kv.where;

import java.math.BigDecimal;

/**
 * The SQL of one engine that where filters compile to. The filtered table has a JSON text column
 * {@code value} (SQLite {@code TEXT}, PostgreSQL {@code json}). Implementations:
 * {@link SqliteWhereDialect}, {@link PostgresWhereDialect}.
 *
 * <p>The dialect supplies typed <em>views</em> of a field and a few string primitives;
 * {@link WhereCompiler} owns the logic. Every view is SQL {@code NULL} (never an error) when the field
 * is missing or has another JSON kind, so a comparison on it is NULL and the compiler turns that into
 * FALSE. Paths and operands must reach the SQL only as bound parameters.
 */
public interface WhereDialect {

    /**
     * Wraps one field test, built from this dialect's views of {@code path}: where an engine can read
     * the field once for the whole test rather than once per view. The views below are valid only
     * inside the test this wraps (an engine's views may read the field this extracts).
     *
     * @param path the field the test reads
     * @param test the test, made of this dialect's views of {@code path}
     * @return boolean SQL (NULL where the test is NULL)
     */
    SqlFragment fieldTest(FieldPath path, SqlFragment test);

    /** @return boolean SQL: the field exists (possibly as JSON {@code null}); never NULL */
    SqlFragment isPresent(FieldPath path);

    /** @return boolean SQL: the field is the given JSON literal (NULL or FALSE otherwise) */
    SqlFragment isLiteral(FieldPath path, JsonLiteral literal);

    /**
     * @return numeric SQL: the value of a JSON number or of a bigint tag
     *     {@code {"__type":"bigint","value":"<integer>"}}, else NULL
     */
    SqlFragment numberAt(FieldPath path);

    /** @return text SQL: a JSON string's value, ordered by code point, else NULL */
    SqlFragment stringAt(FieldPath path);

    /** @return boolean SQL: the field is an empty JSON array (NULL or FALSE otherwise) */
    SqlFragment isEmptyArray(FieldPath path);

    /** @return a bound numeric operand comparable with {@link #numberAt} */
    SqlFragment number(BigDecimal value);

    /** @return a bound text operand comparable with {@link #stringAt} */
    SqlFragment string(String value);

    /** @return {@code text} lower-cased like Java {@code toLowerCase(Locale.ROOT)}, still code-point ordered */
    SqlFragment lowerCase(SqlFragment text);

    /** @return boolean SQL: {@code text} contains the literal, non-empty {@code needle} (no wildcards) */
    SqlFragment contains(SqlFragment text, String needle);

    /** @return boolean SQL: {@code text} starts with the literal, non-empty {@code prefix} */
    SqlFragment startsWith(SqlFragment text, String prefix);

    /** @return boolean SQL: {@code text} ends with the literal, non-empty {@code suffix} */
    SqlFragment endsWith(SqlFragment text, String suffix);
}
