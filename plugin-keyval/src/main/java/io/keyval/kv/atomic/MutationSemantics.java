package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyval.kv.KvValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The value rules of docs/http-api.md §6.3, free of storage: operand validation and "existing value + operand →
 * new value" for {@code set}, {@code sum}, {@code max}, {@code min}, {@code append} and
 * {@code prepend}. A {@code null} existing value means absent or expired; JSON {@code null} counts
 * as absent too.
 *
 * <pre>{@code
 * combine(SUM, tree("5"), tree("2"))                                   // 7
 * combine(SUM, tree("{\"__type\":\"bigint\",\"value\":\"1\"}"), tree("2")) // {"__type":"bigint","value":"3"}
 * combine(APPEND, tree("[1]"), tree("[{\"a\":2}]"))                    // [1,{"a":2}]
 * combine(SUM, tree("\"x\""), tree("1"))                               // KvValidationException
 * }</pre>
 */
final class MutationSemantics {

    static final BigInteger MAX_SAFE = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);
    private static final long MAX_SAFE_LONG = MAX_SAFE.longValueExact();
    // Bigints are capped at 255 bytes (docs/http-api.md §2.1); the cap also keeps "1e999999999" from
    // expanding into a gigantic integer.
    private static final int MAX_BIGINT_BITS = 255 * 8;
    private static final int MAX_DIGITS = 620;
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?\\d+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MutationSemantics() {
    }

    /**
     * @param type the mutation type
     * @param value its operand, {@code null} when the request had none
     * @throws KvValidationException when the operand does not fit the type
     */
    static void validateOperand(Mutation.Type type, JsonNode value) {
        switch (type) {
            case SET -> {
                if (value == null) {
                    throw new KvValidationException("set value is required");
                }
            }
            case SUM, MAX, MIN -> integerOperand(type, value);
            case APPEND, PREPEND -> {
                if (value == null || !value.isArray()) {
                    throw new KvValidationException(type.wireName() + " value must be an array");
                }
            }
            case DELETE -> {
                // the operand of a delete is ignored
            }
        }
    }

    /**
     * The new value of a key.
     *
     * @param type any type but {@code DELETE}
     * @param existing the live value, or {@code null} when absent
     * @param operand the validated operand
     * @return the value to store
     * @throws KvValidationException when the existing value has the wrong type or the result is out of range
     */
    static JsonNode combine(Mutation.Type type, JsonNode existing, JsonNode operand) {
        boolean none = existing == null || existing.isNull();
        return switch (type) {
            case SET -> operand;
            case SUM, MAX, MIN -> none ? safeNumber(type, integerOperand(type, operand))
                    : arithmetic(type, existing, integerOperand(type, operand));
            case APPEND, PREPEND -> none ? operand : concatenate(type, existing, (ArrayNode) operand);
            case DELETE -> throw new IllegalArgumentException("delete has no resulting value");
        };
    }

    /**
     * {@link #combine} for the common case of a sum/max/min on a stored plain integer with an integral
     * number operand, done on the JSON text in {@code long} arithmetic: no JSON tree, no big numbers.
     * Gives exactly what {@code combine} gives, or {@code null} when the case is another one (then
     * call {@code combine}, which also reports any error).
     *
     * @param type the mutation type
     * @param existingJson the live value's JSON text
     * @param operand the validated operand
     * @return the new value's JSON text, or {@code null}
     */
    static String combineIntegers(Mutation.Type type, String existingJson, JsonNode operand) {
        if (!operand.isIntegralNumber() || !operand.canConvertToLong() || !isPlainInteger(existingJson)) {
            return null;
        }
        long op = operand.longValue();
        if (Math.abs(op) > MAX_SAFE_LONG) {
            return null;
        }
        long current = Long.parseLong(existingJson);
        return switch (type) {
            case SUM -> Long.toString(current + op); // |current| < 10^18, |op| < 2^53: no overflow
            case MAX -> Long.toString(Math.max(current, op));
            case MIN -> Long.toString(Math.min(current, op));
            default -> null;
        };
    }

    /** @return whether the text is an optional minus and 1 to 18 digits, as this store writes integers */
    private static boolean isPlainInteger(String json) {
        int start = json.startsWith("-") ? 1 : 0;
        int digits = json.length() - start;
        if (digits < 1 || digits > 18 || (digits > 1 && json.charAt(start) == '0')) {
            return false;
        }
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode arithmetic(Mutation.Type type, JsonNode existing, BigInteger operand) {
        BigInteger tagged = bigintTag(existing);
        if (tagged != null) {
            return bigintTag(checkSize(type, integerResult(type, tagged, operand)));
        }
        if (!existing.isNumber()) {
            throw wrongType(type, "a number or bigint", existing);
        }
        safeNumber(type, operand);
        BigDecimal current = existing.decimalValue();
        if (isIntegral(current)) {
            return BigIntegerNode.valueOf(integerResult(type, current.toBigIntegerExact(), operand));
        }
        if (type != Mutation.Type.SUM) {
            // max/min pick one of the two values; the fractional one stays exactly as stored
            boolean operandWins = (current.compareTo(new BigDecimal(operand)) < 0) == (type == Mutation.Type.MAX);
            return operandWins ? BigIntegerNode.valueOf(operand) : existing;
        }
        double sum = existing.doubleValue() + operand.doubleValue();
        if (!Double.isFinite(sum)) {
            throw new KvValidationException("sum result is out of range");
        }
        return DoubleNode.valueOf(sum);
    }

    private static BigInteger integerResult(Mutation.Type type, BigInteger current, BigInteger operand) {
        return switch (type) {
            case SUM -> current.add(operand);
            case MAX -> current.max(operand);
            case MIN -> current.min(operand);
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.precision() - d.scale() <= MAX_DIGITS && d.stripTrailingZeros().scale() <= 0;
    }

    private static JsonNode concatenate(Mutation.Type type, JsonNode existing, ArrayNode operand) {
        if (!existing.isArray()) {
            throw wrongType(type, "an array", existing);
        }
        ArrayNode out = NODES.arrayNode(existing.size() + operand.size());
        if (type == Mutation.Type.APPEND) {
            out.addAll((ArrayNode) existing).addAll(operand);
        } else {
            out.addAll(operand).addAll((ArrayNode) existing);
        }
        return out;
    }

    /**
     * Parses a sum/max/min operand: a JSON number (truncated toward zero), a decimal integer string
     * or a bigint tag.
     */
    static BigInteger integerOperand(Mutation.Type type, JsonNode value) {
        BigInteger result = null;
        if (value != null && value.isIntegralNumber()) {
            result = value.bigIntegerValue();
        } else if (value != null && value.isNumber() && Double.isFinite(value.doubleValue())) {
            BigDecimal d = value.decimalValue();
            result = d.precision() - d.scale() <= MAX_DIGITS ? d.toBigInteger() : null;
        } else if (value != null && value.isTextual()) {
            result = parseDecimal(value.textValue());
        } else if (value != null) {
            result = bigintTag(value);
        }
        if (result == null) {
            throw new KvValidationException(type.wireName() + " value must be a number, bigint, or numeric string");
        }
        return checkSize(type, result);
    }

    private static BigInteger parseDecimal(String text) {
        String t = text.strip();
        return t.length() <= MAX_DIGITS && DECIMAL_INTEGER.matcher(t).matches() ? new BigInteger(t) : null;
    }

    /** @return the integer of a {@code {"__type":"bigint","value":...}} tag, or {@code null} if it is none */
    private static BigInteger bigintTag(JsonNode node) {
        if (!node.isObject() || node.size() != 2 || !"bigint".equals(node.path("__type").textValue())) {
            return null;
        }
        JsonNode v = node.get("value");
        if (v == null) {
            return null;
        }
        return v.isIntegralNumber() ? v.bigIntegerValue() : v.isTextual() ? parseDecimal(v.textValue()) : null;
    }

    private static ObjectNode bigintTag(BigInteger value) {
        return NODES.objectNode().put("__type", "bigint").put("value", value.toString());
    }

    private static BigInteger checkSize(Mutation.Type type, BigInteger value) {
        if (value.abs().bitLength() > MAX_BIGINT_BITS) {
            throw new KvValidationException(type.wireName() + " value is too large (max 255 bytes)");
        }
        return value;
    }

    private static JsonNode safeNumber(Mutation.Type type, BigInteger value) {
        if (value.abs().compareTo(MAX_SAFE) > 0) {
            throw new KvValidationException(type.wireName() + " value " + value
                    + " is outside ±(2^53-1); use a bigint value for larger integers");
        }
        return BigIntegerNode.valueOf(value);
    }

    private static KvValidationException wrongType(Mutation.Type type, String wanted, JsonNode existing) {
        return new KvValidationException(type.wireName() + " needs the existing value to be " + wanted
                + ", found " + kind(existing));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NUMBER -> "a number";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
