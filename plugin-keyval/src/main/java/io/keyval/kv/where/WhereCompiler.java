package io.keyval.kv.where;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compiles a where filter (SPEC §3) to a parameterised SQL boolean expression over the
 * {@code value} column. Field paths are validated against the strict grammar of §3.3 and reach the
 * SQL only as bound parameters; operands are always bound. Invalid filters throw
 * {@link io.keyval.kv.KvValidationException} {@code Invalid where filter: <detail>}.
 */
public final class WhereCompiler {

    private WhereCompiler() {
    }

    /**
     * @param filter the filter (a JSON object)
     * @param nowMillis the value {@code $now} resolves to (before its offset), fixed per request
     * @param dialect the engine
     * @return the expression and its parameters
     */
    public static SqlFragment compile(JsonNode filter, long nowMillis, WhereDialect dialect) {
        throw new UnsupportedOperationException("TODO");
    }
}
