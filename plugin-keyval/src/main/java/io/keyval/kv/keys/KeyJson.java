package io.keyval.kv.keys;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keys in JSON bodies (docs/http-api.md §2.1): parsing with the exact error messages of §2.3, and
 * writing in the canonical emitted form. Every parse validates the limits of §2.1 and throws
 * {@link io.keyval.kv.KvValidationException} with a message that says what to fix.
 *
 * <p>Accepted parts: string; number (read as a double like JavaScript, {@code -0} becomes {@code 0},
 * a value that is not a finite double is rejected); boolean; {@code {"__type":"bigint","value":"<decimal>"}}
 * (value may be a JSON integer); {@code {"__type":"bytes","value":"<base64 or base64url>"}}; the
 * legacy bytes object {@code {"0":b0,"1":b1,...}} that {@code JSON.stringify} makes of a
 * {@code Uint8Array}; and, in atomic mutation keys only, {@code {"__type":"uuidv7"}} or
 * {@code {"$uuidv7":true}}. Emitted: strings, JavaScript-formatted numbers, booleans, bigint tags,
 * bytes tags with base64url (no padding), and the uuidv7 tag for an unresolved placeholder.
 */
public final class KeyJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TYPE = "__type";
    private static final String VALUE = "value";
    private static final String UUIDV7_FLAG = "$uuidv7";
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,9}");
    /** 255 bytes hold at most 615 decimal digits; longer text is rejected before parsing it. */
    private static final int MAX_BIGINT_DIGITS = 615;

    private KeyJson() {
    }

    /**
     * Parses a non-empty key.
     *
     * @param node the JSON value (must be an array)
     * @param allowPlaceholders whether {@code {"__type":"uuidv7"}} / {@code {"$uuidv7":true}} parts are
     *     accepted (atomic mutation keys only)
     * @return the key
     */
    public static Key parseKey(JsonNode node, boolean allowPlaceholders) {
        if (node == null || !node.isArray()) {
            throw new KvValidationException("Key must be an array");
        }
        return parseParts(node, false, allowPlaceholders);
    }

    /**
     * Parses a prefix or range bound: like {@link #parseKey} but {@code null}/absent/{@code []} mean
     * "none" and return the empty key.
     *
     * @param node the JSON value or {@code null}
     * @param what the field name for messages, e.g. {@code "prefix"}
     * @return the key (possibly empty)
     */
    public static Key parseOptional(JsonNode node, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Key.of();
        }
        if (!node.isArray()) {
            throw new KvValidationException("Key must be an array (" + what + ")");
        }
        return parseParts(node, true, false);
    }

    /**
     * Parses a {@code keys} batch: a JSON array of 1..1000 keys; each error is prefixed
     * {@code Invalid key at index <i>: }.
     *
     * @param node the JSON value
     * @return the keys in order
     */
    public static List<Key> parseBatch(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new KvValidationException("Keys must be an array");
        }
        KeyLimits.checkBatchSize(node.size());
        List<Key> keys = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            try {
                keys.add(parseKey(node.get(i), false));
            } catch (KvValidationException e) {
                throw KeyLimits.atIndex(i, e);
            }
        }
        return keys;
    }

    private static Key parseParts(JsonNode array, boolean allowEmpty, boolean allowPlaceholders) {
        KeyLimits.checkDepth(array.size(), allowEmpty, KeyLimits.Form.KEY);
        List<Object> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            parts.add(parsePart(array.get(i), i, allowPlaceholders));
        }
        return KeyLimits.validate(Key.of(parts), allowEmpty);
    }

    private static Object parsePart(JsonNode node, int index, boolean allowPlaceholders) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw KeyLimits.invalidPart(index, "number out of range");
            }
            return d;
        }
        if (node.isObject()) {
            return parseObjectPart((ObjectNode) node, index, allowPlaceholders);
        }
        throw KeyLimits.invalidPart(index, describe(node) + " is not a valid key part"
                + " (use a string, number, boolean, bigint tag or bytes tag)");
    }

    private static String describe(JsonNode node) {
        return node.isNull() ? "null" : node.isArray() ? "a nested array" : "a " + node.getNodeType().name().toLowerCase();
    }

    private static Object parseObjectPart(ObjectNode node, int index, boolean allowPlaceholders) {
        if (isPlaceholder(node)) {
            if (!allowPlaceholders) {
                throw KeyLimits.invalidPart(index, "UUIDv7 placeholders are only allowed in atomic mutation keys");
            }
            return Key.uuidv7Placeholder();
        }
        JsonNode type = node.get(TYPE);
        if (type != null) {
            JsonNode value = node.get(VALUE);
            if (node.size() != 2 || value == null) {
                throw KeyLimits.invalidPart(index, "a tagged part must have exactly the fields __type and value");
            }
            return switch (type.asText()) {
                case "bigint" -> parseBigInteger(value, index);
                case "bytes" -> parseBytesTag(value, index);
                default -> throw KeyLimits.invalidPart(index, "unknown __type " + type);
            };
        }
        return parseIndexedBytes(node, index);
    }

    private static boolean isPlaceholder(ObjectNode node) {
        return node.size() == 1 && ("uuidv7".equals(node.path(TYPE).textValue())
                || node.path(UUIDV7_FLAG).isBoolean() && node.get(UUIDV7_FLAG).booleanValue());
    }

    private static BigInteger parseBigInteger(JsonNode value, int index) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        String text = value.isTextual() ? value.textValue() : "";
        if (!DECIMAL_INTEGER.matcher(text).matches()) {
            throw KeyLimits.invalidPart(index, "bigint value must be a decimal integer");
        }
        if (significantDigits(text) > MAX_BIGINT_DIGITS) {
            throw KeyLimits.invalidPart(index, "bigint too large (max " + KeyLimits.MAX_BIGINT_BYTES + " bytes)");
        }
        return new BigInteger(text);
    }

    private static int significantDigits(String decimal) {
        int start = decimal.startsWith("-") ? 1 : 0;
        while (start < decimal.length() - 1 && decimal.charAt(start) == '0') {
            start++;
        }
        return decimal.length() - start;
    }

    private static byte[] parseBytesTag(JsonNode value, int index) {
        if (value.isTextual()) {
            try {
                return LenientBase64.decode(value.textValue());
            } catch (IllegalArgumentException e) {
                throw invalidBytesTag(index);
            }
        }
        throw invalidBytesTag(index);
    }

    private static KvValidationException invalidBytesTag(int index) {
        return KeyLimits.invalidPart(index, "bytes value must be a base64 or base64url string");
    }

    /** The {@code JSON.stringify} form of a {@code Uint8Array}: keys "0".."n-1" in any order. */
    private static byte[] parseIndexedBytes(ObjectNode node, int index) {
        byte[] bytes = new byte[node.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode b = field.getValue();
            if (!ARRAY_INDEX.matcher(field.getKey()).matches() || Long.parseLong(field.getKey()) >= bytes.length
                    || !b.isIntegralNumber() || !b.canConvertToInt() || b.intValue() < 0 || b.intValue() > 255) {
                throw KeyLimits.invalidPart(index, "unsupported object (expected a bigint tag, a bytes tag"
                        + " or a byte array object with keys \"0\"..\"n-1\" and values 0-255)");
            }
            // the keys are distinct and all below size(), so every position gets exactly one value
            bytes[Integer.parseInt(field.getKey())] = (byte) b.intValue();
        }
        return bytes;
    }

    /**
     * Writes a key in its emitted JSON form (numbers like JavaScript, bigint and bytes as tags): the
     * text of {@link Key#toString()}.
     *
     * @param key the key
     * @param out the generator
     * @throws IOException from the generator
     */
    public static void write(Key key, JsonGenerator out) throws IOException {
        out.writeRawValue(key.toString());
    }
}
