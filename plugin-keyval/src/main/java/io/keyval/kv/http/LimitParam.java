package io.keyval.kv.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.Limits;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The {@code limit} parameter (docs/http-api.md §4): absent means the default; text is read like JavaScript's
 * {@code parseInt} (the leading integer, so {@code 10abc} is 10 and {@code 1.9} is 1); values above the
 * maximum are clamped; anything below 1 or without a leading integer is a 400.
 */
final class LimitParam {

    private static final BigDecimal MAX = BigDecimal.valueOf(Limits.MAX_LIMIT);

    private LimitParam() {
    }

    /**
     * @param raw the query value, or {@code null} when absent
     * @return the page size, 1..1000
     */
    static int fromQuery(String raw) {
        return raw == null ? Limits.DEFAULT_LIMIT : fromText(raw);
    }

    /**
     * @param node the body field: a number, a numeric string, {@code null} or absent
     * @return the page size, 1..1000
     */
    static int fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Limits.DEFAULT_LIMIT;
        }
        if (node.isNumber()) {
            return clamp(node.decimalValue().setScale(0, RoundingMode.DOWN), node.asText());
        }
        if (node.isTextual()) {
            return fromText(node.textValue());
        }
        throw invalid(node.toString());
    }

    private static int fromText(String raw) {
        String s = raw.stripLeading();
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        int digitsStart = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digitsStart) {
            throw invalid(raw);
        }
        return clamp(new BigDecimal(s.substring(0, i)), raw);
    }

    private static int clamp(BigDecimal value, String raw) {
        if (value.signum() <= 0) {
            throw invalid(raw);
        }
        return value.compareTo(MAX) > 0 ? Limits.MAX_LIMIT : value.intValue();
    }

    private static KvValidationException invalid(String raw) {
        return new KvValidationException("limit must be a positive number, received " + raw);
    }
}
