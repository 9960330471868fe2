package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.KvValidationException;

/**
 * The {@code expiresIn} field of a {@code set} mutation (SPEC §1.10): a positive safe integer of
 * milliseconds, as a JSON number or a string of digits; {@code null} or absent means no expiry.
 *
 * <pre>{@code
 * ExpiresIn.parse(tree("60000"))    // 60000
 * ExpiresIn.parse(tree("\"500\""))  // 500
 * ExpiresIn.parse(tree("0"))        // KvValidationException
 * }</pre>
 */
final class ExpiresIn {

    private static final long MAX_SAFE = (1L << 53) - 1;

    private ExpiresIn() {
    }

    /**
     * @param node the field, or {@code null} when absent
     * @return the time to live in ms, or {@code null} for none
     * @throws KvValidationException when it is not a positive integer
     */
    static Long parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        long ms = -1;
        if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
            ms = node.longValue();
        } else if (node.isTextual() && node.textValue().matches("\\d{1,16}")) {
            ms = Long.parseLong(node.textValue());
        }
        if (ms <= 0 || ms > MAX_SAFE) {
            throw new KvValidationException("expiresIn must be a positive number of milliseconds, received " + node);
        }
        return ms;
    }
}
