package io.keyval.kv.where;

import java.util.List;

/**
 * A positive test of one field. Each is FALSE when the field is missing unless stated; negated
 * operators ({@code $ne}, {@code $nin}, ...) are {@link Condition.Not} around one of these.
 */
sealed interface FieldTest {

    /** Greater/less-than operators, in SQL spelling. */
    enum Comparison {
        GT(">"), GTE(">="), LT("<"), LTE("<=");

        final String sql;

        Comparison(String sql) {
            this.sql = sql;
        }
    }

    /** Where a substring must occur. */
    enum TextMatchKind { CONTAINS, STARTS_WITH, ENDS_WITH }

    /**
     * Equality with any of the values ({@code $eq} is a one-element list); a {@link Operand.NullValue}
     * also matches a missing field. An empty list is FALSE.
     *
     * @param values the operands
     */
    record OneOf(List<Operand> values) implements FieldTest {
        public OneOf {
            values = List.copyOf(values);
        }
    }

    /**
     * @param comparison the operator
     * @param operand a {@link Operand.NumberValue} or {@link Operand.StringValue}
     */
    record Compare(Comparison comparison, Operand operand) implements FieldTest {
    }

    /**
     * @param kind contains / prefix / suffix
     * @param ignoreCase compare after {@code toLowerCase(Locale.ROOT)} of both sides
     * @param needle the literal substring
     */
    record TextMatch(TextMatchKind kind, boolean ignoreCase, String needle) implements FieldTest {
    }

    /** Missing, null, {@code ""} or {@code []}. */
    record Empty() implements FieldTest {
    }
}
