package io.keyval.kv.where;

import java.math.BigDecimal;

/**
 * A resolved scalar operand: {@code $now} objects and bigint tags have already become numbers.
 */
sealed interface Operand {

    /** @param value a finite JSON number, {@code $now} result or bigint tag value */
    record NumberValue(BigDecimal value) implements Operand {
    }

    /** @param value a JSON string */
    record StringValue(String value) implements Operand {
    }

    /** @param value a JSON boolean */
    record BooleanValue(boolean value) implements Operand {
    }

    /** JSON {@code null}: as an equality operand it means "missing or null". */
    record NullValue() implements Operand {
    }
}
