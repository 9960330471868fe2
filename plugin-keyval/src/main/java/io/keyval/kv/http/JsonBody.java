package io.keyval.kv.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.store.JsonValues;
import java.util.List;

/**
 * A JSON object request body with typed, validating accessors for the fields the API uses. Every
 * accessor throws {@link KvValidationException} naming the field when its value has the wrong shape.
 */
public final class JsonBody {

    /** The body of a request without one: every field absent. */
    public static final JsonBody EMPTY = new JsonBody(MissingNode.getInstance());

    private static final ObjectReader READER = JsonValues.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /**
     * @param text the request body
     * @return the body ({@link #EMPTY} for no text)
     * @throws KvValidationException {@code Invalid JSON body}, or when the JSON is not an object
     */
    static JsonBody parse(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        if (text.isBlank()) {
            // Not the same as no body: a DELETE must never widen to "no options" by accident.
            throw new KvValidationException("Invalid JSON body");
        }
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (JacksonException e) {
            throw new KvValidationException("Invalid JSON body");
        }
        if (node == null || !node.isObject()) {
            throw new KvValidationException("Request body must be a JSON object");
        }
        return new JsonBody(node);
    }

    /** @return the whole body: an object, or a missing node for {@link #EMPTY} */
    public JsonNode node() {
        return object;
    }

    /**
     * @param field a key-valued field
     * @return the key; the empty key when absent, {@code null} or {@code []}
     */
    public Key optionalKey(String field) {
        return KeyJson.parseOptional(object.get(field), field);
    }

    /** @return the {@code keys} field: 1..1000 keys */
    public List<Key> keys() {
        return KeyJson.parseBatch(object.get("keys"));
    }

    /**
     * @param field a boolean field
     * @return its value; {@code false} when absent or {@code null}
     */
    public boolean flag(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new KvValidationException(field + " must be a boolean, received " + node);
        }
        return node.booleanValue();
    }

    /** @return the {@code limit} field as a page size (docs/http-api.md §4) */
    public int limit() {
        return LimitParam.fromJson(object.get("limit"));
    }

    /** @return the {@code where} filter, or {@code null} when absent */
    public JsonNode where() {
        return object.get("where");
    }
}
