package io.keyval.kv.where;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a where filter (docs/http-api.md §5) to a parameterised SQL boolean expression over the
 * {@code value} column. Field paths are validated against the strict grammar of §5.2 and reach the
 * SQL only as bound parameters; operands are always bound. Invalid filters throw
 * {@link io.keyval.kv.KvValidationException} {@code Invalid where filter: <detail>}.
 *
 * <p>The result is two-valued: every field test is wrapped in {@code COALESCE(..., FALSE)}, so SQL
 * NULL (missing field, other kind) never leaks into {@code NOT}, and each negation is the exact
 * complement of its positive test (§5.3).
 */
public final class WhereCompiler {

    private final WhereDialect dialect;

    private WhereCompiler(WhereDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param filter the filter (a JSON object)
     * @param nowMillis the value {@code $now} resolves to (before its offset), fixed per request
     * @param dialect the engine
     * @return the expression and its parameters
     */
    public static SqlFragment compile(JsonNode filter, long nowMillis, WhereDialect dialect) {
        return new WhereCompiler(dialect).condition(new FilterParser(nowMillis).parse(filter));
    }

    private SqlFragment condition(Condition condition) {
        if (condition instanceof Condition.All || condition instanceof Condition.Any) {
            boolean and = condition instanceof Condition.All;
            List<SqlFragment> parts = new ArrayList<>();
            flatten(condition, condition.getClass(), parts);
            if (parts.isEmpty()) {
                return and ? SqlFragment.TRUE : SqlFragment.FALSE;
            }
            return balanced(parts, 0, parts.size(), and ? " AND " : " OR ");
        }
        if (condition instanceof Condition.Not not) {
            return SqlFragment.builder().sql("NOT (").add(condition(not.inner())).sql(")").build();
        }
        Condition.Field field = (Condition.Field) condition;
        SqlFragment test = dialect.fieldTest(field.path(), test(field.path(), field.test()));
        return SqlFragment.builder().sql("COALESCE(").add(test).sql(", FALSE)").build();
    }

    /** Collects the operands of nested ANDs (or ORs) as one list: {@code a AND (b AND c)} is three. */
    private void flatten(Condition condition, Class<? extends Condition> kind, List<SqlFragment> out) {
        if (!kind.isInstance(condition)) {
            out.add(condition(condition));
            return;
        }
        List<Condition> parts = condition instanceof Condition.All all ? all.parts() : ((Condition.Any) condition).parts();
        for (Condition part : parts) {
            flatten(part, kind, out);
        }
    }

    /**
     * Joins with a balanced tree of parentheses: a flat chain {@code a OR b OR ...} parses as a tree
     * as deep as it is long, and SQLite refuses expressions deeper than 1,000.
     */
    private static SqlFragment balanced(List<SqlFragment> parts, int from, int to, String operator) {
        if (to - from <= 4) {
            return SqlFragment.builder().sql("(").join(parts.subList(from, to), operator).sql(")").build();
        }
        int middle = (from + to) >>> 1;
        return SqlFragment.builder().sql("(").add(balanced(parts, from, middle, operator)).sql(operator)
                .add(balanced(parts, middle, to, operator)).sql(")").build();
    }

    /** A positive test; may be NULL where FALSE is meant (the caller coalesces). */
    private SqlFragment test(FieldPath path, FieldTest test) {
        if (test instanceof FieldTest.OneOf oneOf) {
            return oneOf(path, oneOf.values());
        }
        if (test instanceof FieldTest.Compare compare) {
            return SqlFragment.builder().add(typedView(path, compare.operand()))
                    .sql(" " + compare.comparison().sql + " ").add(operand(compare.operand())).build();
        }
        if (test instanceof FieldTest.TextMatch match) {
            return textMatch(path, match);
        }
        return SqlFragment.builder().sql("(").join(List.of(
                missingOrNull(path),
                SqlFragment.builder().add(dialect.stringAt(path)).sql(" = ''").build(),
                dialect.isEmptyArray(path)), " OR ").sql(")").build();
    }

    /**
     * Equality with any operand: numbers and strings each as one IN list, and each of the three
     * literals (true, false, missing-or-null) at most once, however often the list repeats it.
     */
    private SqlFragment oneOf(FieldPath path, List<Operand> values) {
        List<SqlFragment> numbers = new ArrayList<>();
        List<SqlFragment> strings = new ArrayList<>();
        Set<Operand> literals = new LinkedHashSet<>();
        for (Operand value : values) {
            if (value instanceof Operand.NumberValue n) {
                numbers.add(dialect.number(n.value()));
            } else if (value instanceof Operand.StringValue s) {
                strings.add(dialect.string(s.value()));
            } else {
                literals.add(value); // records: equal literals are one
            }
        }
        List<SqlFragment> alternatives = new ArrayList<>();
        for (Operand literal : literals) {
            alternatives.add(literal instanceof Operand.BooleanValue b
                    ? dialect.isLiteral(path, b.value() ? JsonLiteral.TRUE : JsonLiteral.FALSE)
                    : missingOrNull(path));
        }
        if (!numbers.isEmpty()) {
            alternatives.add(in(dialect.numberAt(path), numbers));
        }
        if (!strings.isEmpty()) {
            alternatives.add(in(dialect.stringAt(path), strings));
        }
        if (alternatives.isEmpty()) {
            return SqlFragment.FALSE;
        }
        return SqlFragment.builder().sql("(").join(alternatives, " OR ").sql(")").build();
    }

    private static SqlFragment in(SqlFragment view, List<SqlFragment> operands) {
        return SqlFragment.builder().add(view).sql(" IN (").join(operands, ", ").sql(")").build();
    }

    private SqlFragment missingOrNull(FieldPath path) {
        return SqlFragment.builder().sql("(NOT ").add(dialect.isPresent(path)).sql(" OR ")
                .add(dialect.isLiteral(path, JsonLiteral.NULL)).sql(")").build();
    }

    private SqlFragment textMatch(FieldPath path, FieldTest.TextMatch match) {
        SqlFragment text = match.ignoreCase() ? dialect.lowerCase(dialect.stringAt(path)) : dialect.stringAt(path);
        if (match.needle().isEmpty()) {
            // Every string contains, starts and ends with "" (and the dialect primitives need a non-empty needle).
            return SqlFragment.builder().add(text).sql(" IS NOT NULL").build();
        }
        return switch (match.kind()) {
            case CONTAINS -> dialect.contains(text, match.needle());
            case STARTS_WITH -> dialect.startsWith(text, match.needle());
            case ENDS_WITH -> dialect.endsWith(text, match.needle());
        };
    }

    /** The view of the field with the operand's kind: numbers only meet numbers, strings strings. */
    private SqlFragment typedView(FieldPath path, Operand operand) {
        return operand instanceof Operand.NumberValue ? dialect.numberAt(path) : dialect.stringAt(path);
    }

    private SqlFragment operand(Operand operand) {
        return operand instanceof Operand.NumberValue n
                ? dialect.number(n.value())
                : dialect.string(((Operand.StringValue) operand).value());
    }
}
