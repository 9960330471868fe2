package io.keyval.kv.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.Key;
import java.io.IOException;
import java.util.List;

/**
 * Keys in JSON bodies (SPEC §1.2, §1.4): parsing with the exact error messages of the spec, and
 * writing in the canonical emitted form. Every parse validates the limits of §1.2 and throws
 * {@link io.keyval.kv.KvValidationException} with a message that says what to fix.
 */
public final class KeyJson {

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
        throw new UnsupportedOperationException("TODO");
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
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Parses a {@code keys} batch: a JSON array of 1..1000 keys; each error is prefixed
     * {@code Invalid key at index <i>: }.
     *
     * @param node the JSON value
     * @return the keys in order
     */
    public static List<Key> parseBatch(JsonNode node) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Writes a key in its emitted JSON form (numbers like JavaScript, bigint and bytes as tags).
     *
     * @param key the key
     * @param out the generator
     * @throws IOException from the generator
     */
    public static void write(Key key, JsonGenerator out) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param key the key
     * @return its emitted JSON form as a tree
     */
    public static JsonNode toNode(Key key) {
        throw new UnsupportedOperationException("TODO");
    }
}
