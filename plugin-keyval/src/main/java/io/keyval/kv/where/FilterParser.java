package io.keyval.kv.where;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.where.FieldTest.Comparison;
import io.keyval.kv.where.FieldTest.TextMatchKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a filter document (docs/http-api.md §5) and turns it into a {@link Condition}. Everything
 * not explicitly allowed is rejected, so a typo can never widen a delete to "match everything".
 */
final class FilterParser {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_LIST = 1000;
    /**
     * Every field comparison, {@code $and}, {@code $or}, {@code $not} and empty filter {@code {}},
     * and every value of a {@code $in}/{@code $nin} list counts as one term. Well below what either engine can compile
     * (SQLite's expression depth and bound-variable limits, PostgreSQL's 65,535 parameters) and what
     * it can evaluate quickly per row.
     */
    static final int MAX_TERMS = 1000;
    private static final Pattern BIGINT = Pattern.compile("-?[0-9]{1,1000}");
    private static final Set<String> NOW_MEMBERS = Set.of("$now", "$offset", "offset");

    private final BigDecimal now;
    private int terms;

    /** @param nowMillis what {@code $now} resolves to before its offset */
    FilterParser(long nowMillis) {
        this.now = BigDecimal.valueOf(nowMillis);
    }

    /** @return the condition of a whole filter document */
    Condition parse(JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            throw new InvalidFilterException("filter must be a JSON object");
        }
        return parseObject(filter, 0);
    }

    private Condition parseObject(JsonNode filter, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFilterException("filter nested deeper than " + MAX_DEPTH + " levels");
        }
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : iterable(filter.fields())) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            switch (key) {
                case "$and" -> {
                    count(1);
                    parts.add(new Condition.All(parseList(key, value, depth)));
                }
                case "$or" -> {
                    count(1);
                    parts.add(new Condition.Any(parseList(key, value, depth)));
                }
                case "$not" -> {
                    if (!value.isObject()) {
                        throw new InvalidFilterException("$not must be an object");
                    }
                    count(1);
                    parts.add(new Condition.Not(parseObject(value, depth + 1)));
                }
                default -> parts.add(parseField(key, value));
            }
        }
        if (parts.isEmpty()) {
            count(1); // {} is a term too: a list of them must not escape the cap
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private List<Condition> parseList(String operator, JsonNode value, int depth) {
        if (!value.isArray()) {
            throw new InvalidFilterException(operator + " must be an array of filters");
        }
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw new InvalidFilterException(operator + "[" + i + "] must be an object");
            }
            parts.add(parseObject(value.get(i), depth + 1));
        }
        return parts;
    }

    private Condition parseField(String key, JsonNode value) {
        if (isOperatorName(key)) {
            throw new InvalidFilterException("unknown operator " + InvalidFilterException.quote(key));
        }
        FieldPath path = FieldPath.parse(key);
        String where = "field " + InvalidFilterException.quote(key);
        if (value.isArray()) {
            throw new InvalidFilterException(where + ": an array is not a valid value (use $in)");
        }
        if (value.isObject() && !isTaggedScalar(value)) {
            return parseOperators(path, where, value);
        }
        return field(path, equalTo(scalar(value, where)));
    }

    /** A "$x" key that is not a raw path such as "$", "$.a" or "$[0]". */
    private static boolean isOperatorName(String key) {
        return key.startsWith("$") && key.length() > 1 && key.charAt(1) != '.' && key.charAt(1) != '[';
    }

    private static boolean isTaggedScalar(JsonNode object) {
        return object.has("$now") || object.has("__type");
    }

    private Condition parseOperators(FieldPath path, String where, JsonNode object) {
        if (object.isEmpty()) {
            throw new InvalidFilterException(where + ": empty operator object");
        }
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : iterable(object.fields())) {
            String op = member.getKey();
            if (!op.startsWith("$")) {
                throw new InvalidFilterException(where + ": object value is neither an operator object, "
                        + "$now nor a bigint tag (member " + InvalidFilterException.quote(op) + ")");
            }
            parts.add(parseOperator(path, where + " " + op, op, member.getValue()));
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private Condition parseOperator(FieldPath path, String where, String op, JsonNode operand) {
        return switch (op) {
            case "$eq" -> field(path, equalTo(scalar(operand, where)));
            case "$ne" -> not(field(path, equalTo(scalar(operand, where))));
            case "$gt" -> field(path, compare(Comparison.GT, operand, where));
            case "$gte" -> field(path, compare(Comparison.GTE, operand, where));
            case "$lt" -> field(path, compare(Comparison.LT, operand, where));
            case "$lte" -> field(path, compare(Comparison.LTE, operand, where));
            case "$between" -> between(path, operand, where);
            case "$in" -> list(path, operand, where);
            case "$nin" -> not(list(path, operand, where));
            case "$contains" -> field(path, text(TextMatchKind.CONTAINS, false, operand, where));
            case "$notContains" -> not(field(path, text(TextMatchKind.CONTAINS, false, operand, where)));
            case "$startsWith" -> field(path, text(TextMatchKind.STARTS_WITH, false, operand, where));
            case "$endsWith" -> field(path, text(TextMatchKind.ENDS_WITH, false, operand, where));
            case "$containsi" -> field(path, text(TextMatchKind.CONTAINS, true, operand, where));
            case "$notContainsi" -> not(field(path, text(TextMatchKind.CONTAINS, true, operand, where)));
            case "$startsWithi" -> field(path, text(TextMatchKind.STARTS_WITH, true, operand, where));
            case "$endsWithi" -> field(path, text(TextMatchKind.ENDS_WITH, true, operand, where));
            case "$null" -> negateIfFalse(flag(operand, where), field(path, equalTo(new Operand.NullValue())));
            case "$empty" -> negateIfFalse(flag(operand, where), field(path, new FieldTest.Empty()));
            case "$notEmpty" -> negateIfFalse(!flag(operand, where), field(path, new FieldTest.Empty()));
            default -> throw new InvalidFilterException("unknown operator " + InvalidFilterException.quote(op)
                    + " on field " + InvalidFilterException.quote(path.text()));
        };
    }

    /** A {@code $in} list counts one term per value (at least one). */
    private Condition list(FieldPath path, JsonNode operand, String where) {
        List<Operand> values = scalars(operand, where);
        count(Math.max(values.size(), 1) - 1);
        return field(path, new FieldTest.OneOf(values));
    }

    private Condition between(FieldPath path, JsonNode operand, String where) {
        if (!operand.isArray() || operand.size() != 2) {
            throw new InvalidFilterException(where + " expects a 2-element array [min, max]");
        }
        return new Condition.All(List.of(
                field(path, compare(Comparison.GTE, operand.get(0), where)),
                field(path, compare(Comparison.LTE, operand.get(1), where))));
    }

    private FieldTest compare(Comparison comparison, JsonNode node, String where) {
        Operand operand = scalar(node, where);
        if (!(operand instanceof Operand.NumberValue || operand instanceof Operand.StringValue)) {
            throw new InvalidFilterException(where + " expects a number, string, $now or bigint operand");
        }
        return new FieldTest.Compare(comparison, operand);
    }

    private List<Operand> scalars(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new InvalidFilterException(where + " expects an array of scalars");
        }
        if (node.size() > MAX_LIST) {
            throw new InvalidFilterException(where + " accepts at most " + MAX_LIST + " values");
        }
        List<Operand> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(scalar(node.get(i), where + "[" + i + "]"));
        }
        return values;
    }

    private static FieldTest text(TextMatchKind kind, boolean ignoreCase, JsonNode node, String where) {
        if (!node.isTextual()) {
            throw new InvalidFilterException(where + " expects a string");
        }
        String needle = ignoreCase ? node.textValue().toLowerCase(Locale.ROOT) : node.textValue();
        return new FieldTest.TextMatch(kind, ignoreCase, needle);
    }

    private static boolean flag(JsonNode node, String where) {
        if (!node.isBoolean()) {
            throw new InvalidFilterException(where + " expects true or false");
        }
        return node.booleanValue();
    }

    /** A string, number, boolean, null, {@code $now} object or bigint tag. */
    private Operand scalar(JsonNode node, String where) {
        if (node.isTextual()) {
            return new Operand.StringValue(node.textValue());
        }
        if (node.isNumber()) {
            return new Operand.NumberValue(finite(node, where));
        }
        if (node.isBoolean()) {
            return new Operand.BooleanValue(node.booleanValue());
        }
        if (node.isNull()) {
            return new Operand.NullValue();
        }
        if (node.isObject() && node.has("$now")) {
            return new Operand.NumberValue(resolveNow(node, where));
        }
        if (node.isObject() && node.has("__type")) {
            return new Operand.NumberValue(bigint(node, where));
        }
        throw new InvalidFilterException(where + ": expected a scalar (string, number, boolean, null, $now or bigint tag)");
    }

    private BigDecimal resolveNow(JsonNode node, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!NOW_MEMBERS.contains(name)) {
                throw new InvalidFilterException(where + ": unexpected member " + InvalidFilterException.quote(name) + " in $now");
            }
        }
        if (!node.get("$now").isBoolean() || !node.get("$now").booleanValue()) {
            throw new InvalidFilterException(where + ": $now must be true");
        }
        // The TS client sends "offset", the reference server reads "$offset"; "$offset" wins.
        JsonNode offset = node.has("$offset") ? node.get("$offset") : node.get("offset");
        if (offset == null) {
            return now;
        }
        if (!offset.isNumber()) {
            throw new InvalidFilterException(where + ": $now offset must be a number");
        }
        return now.add(finite(offset, where));
    }

    private static BigDecimal bigint(JsonNode node, String where) {
        JsonNode type = node.get("__type");
        JsonNode value = node.get("value");
        if (node.size() != 2 || !type.isTextual() || !"bigint".equals(type.textValue())
                || value == null || !value.isTextual() || !BIGINT.matcher(value.textValue()).matches()) {
            throw new InvalidFilterException(where + ": a bigint tag must be {\"__type\":\"bigint\",\"value\":\"<integer>\"}");
        }
        return inDoubleRange(new BigDecimal(value.textValue()), where);
    }

    private static BigDecimal finite(JsonNode number, String where) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            throw new InvalidFilterException(where + ": number must be finite");
        }
        return inDoubleRange(number.decimalValue(), where);
    }

    /**
     * Numeric operands are compared exactly, but only within a double's range: beyond it SQLite sees
     * infinity or zero while PostgreSQL compares exactly (or fails), so the engines would disagree on
     * which entries match (and a delete could widen).
     */
    private static BigDecimal inDoubleRange(BigDecimal value, String where) {
        double d = value.doubleValue();
        if (Double.isInfinite(d) || (d == 0 && value.signum() != 0)) {
            String text = value.toString();
            throw new InvalidFilterException(where + ": number " + (text.length() > 40 ? text.substring(0, 37) + "..." : text)
                    + " is out of range (numbers must fit a 64-bit double: magnitude 4.9e-324 to 1.8e308, or 0)");
        }
        return value;
    }

    private static FieldTest equalTo(Operand operand) {
        return new FieldTest.OneOf(List.of(operand));
    }

    private Condition field(FieldPath path, FieldTest test) {
        count(1);
        return new Condition.Field(path, test);
    }

    private void count(int more) {
        terms += more;
        if (terms > MAX_TERMS) {
            throw new InvalidFilterException("filter too large: more than " + MAX_TERMS + " terms (every field"
                    + " comparison, $and, $or, $not and {}, and every $in/$nin value counts as one)");
        }
    }

    private static Condition not(Condition condition) {
        return new Condition.Not(condition);
    }

    private static Condition negateIfFalse(boolean positive, Condition condition) {
        return positive ? condition : not(condition);
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
