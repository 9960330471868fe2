package io.keyval.kv.where;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Where-filter SQL for SQLite (JSON1 functions; {@code unicode_lower} from the SQLite adapter).
 *
 * <p>The path is bound as a JSON path string with every member quoted ({@code $."a"[0]."b"}); the
 * path grammar excludes quotes and control characters, and backslashes are escaped, so a member can
 * never leave its quotes. Text compares with SQLite's default BINARY collation, i.e. UTF-8 bytes,
 * i.e. code-point order.
 *
 * <p>Numbers: JSON integers within 64 bits are exact; larger ones and non-integral numbers are
 * doubles (SQLite has no decimal type), and so are bigint-tag values and bigint operands beyond
 * 64 bits. Integer-vs-double comparisons are exact in SQLite, so only values that differ beyond
 * double precision and lie outside the 64-bit range can compare wrongly.
 */
public final class SqliteWhereDialect implements WhereDialect {

    @Override
    public SqlFragment fieldTest(FieldPath path, SqlFragment test) {
        return test; // the JSON functions take the path themselves
    }

    @Override
    public SqlFragment isPresent(FieldPath path) {
        return call("json_type", path).sql(" IS NOT NULL").build();
    }

    @Override
    public SqlFragment isLiteral(FieldPath path, JsonLiteral literal) {
        // json_type() names the three literals exactly "null", "true", "false".
        return call("json_type", path).sql(" = ").param(literal.name().toLowerCase(Locale.ROOT)).build();
    }

    @Override
    public SqlFragment numberAt(FieldPath path) {
        FieldPath tagValue = path.member("value");
        SqlFragment digits = call("json_extract", tagValue).build();
        return SqlFragment.builder()
                .sql("(CASE WHEN ").add(call("json_type", path).sql(" IN ('integer', 'real')").build())
                .sql(" THEN ").add(call("json_extract", path).build())
                .sql(" WHEN ").add(call("json_extract", path.member("__type")).build()).sql(" = 'bigint'")
                .sql(" AND ").add(call("json_type", tagValue).build()).sql(" = 'text'")
                // "-?[0-9]+": a digit or '-' then a digit first, only digits after the first character
                .sql(" AND (").add(digits).sql(" GLOB '[0-9]*' OR ").add(digits).sql(" GLOB '-[0-9]*')")
                .sql(" AND substr(").add(digits).sql(", 2) NOT GLOB '*[^0-9]*'")
                .sql(" THEN CAST(").add(digits).sql(" AS NUMERIC) END)")
                .build();
    }

    @Override
    public SqlFragment stringAt(FieldPath path) {
        return SqlFragment.builder()
                .sql("(CASE WHEN ").add(call("json_type", path).build()).sql(" = 'text' THEN ")
                .add(call("json_extract", path).build()).sql(" END)")
                .build();
    }

    @Override
    public SqlFragment isEmptyArray(FieldPath path) {
        // json_array_length() is 0 for non-arrays too, hence the type test.
        return SqlFragment.builder()
                .sql("(").add(call("json_type", path).build()).sql(" = 'array' AND ")
                .add(call("json_array_length", path).build()).sql(" = 0)")
                .build();
    }

    @Override
    public SqlFragment number(BigDecimal value) {
        return SqlFragment.builder().param(bindable(value)).build();
    }

    @Override
    public SqlFragment string(String value) {
        return SqlFragment.builder().param(value).build();
    }

    @Override
    public SqlFragment lowerCase(SqlFragment text) {
        // SQLite's lower() folds ASCII only; unicode_lower() is Java toLowerCase(Locale.ROOT).
        return SqlFragment.builder().sql("unicode_lower(").add(text).sql(")").build();
    }

    @Override
    public SqlFragment contains(SqlFragment text, String needle) {
        return SqlFragment.builder().sql("instr(").add(text).sql(", ").param(needle).sql(") > 0").build();
    }

    @Override
    public SqlFragment startsWith(SqlFragment text, String prefix) {
        return SqlFragment.builder().sql("instr(").add(text).sql(", ").param(prefix).sql(") = 1").build();
    }

    @Override
    public SqlFragment endsWith(SqlFragment text, String suffix) {
        // substr(x, -n) is the last n characters (all of x if shorter); n > 0 is guaranteed.
        return SqlFragment.builder()
                .sql("substr(").add(text).sql(", -length(").param(suffix).sql(")) = ").param(suffix).build();
    }

    /** Integral values that fit stay exact as Long; the rest can only be doubles in SQLite. */
    private static Object bindable(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException notALong) {
            return value.doubleValue();
        }
    }

    private static SqlFragment.Builder call(String function, FieldPath path) {
        return SqlFragment.builder().sql(function).sql("(value, ").param(jsonPath(path)).sql(")");
    }

    /** {@code $."member"[index]...}; quotes cannot occur in members, backslashes are JSON-escaped. */
    static String jsonPath(FieldPath path) {
        StringBuilder out = new StringBuilder("$");
        for (FieldPath.Segment segment : path.segments()) {
            if (segment instanceof FieldPath.Member m) {
                out.append(".\"").append(m.name().replace("\\", "\\\\")).append('"');
            } else if (segment instanceof FieldPath.Index i) {
                out.append('[').append(i.position()).append(']');
            }
        }
        return out.toString();
    }
}
