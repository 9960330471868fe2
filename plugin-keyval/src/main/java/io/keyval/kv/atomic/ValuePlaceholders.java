package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * UUIDv7 placeholders inside mutation values (docs/http-api.md §6.4): every {@code {"__type":"uuidv7"}} or
 * {@code {"$uuidv7":true}} object, at any depth, becomes the commit's UUIDv7 string.
 *
 * <pre>{@code
 * resolve(tree("{\"id\":{\"__type\":\"uuidv7\"},\"n\":1}"), () -> uuid) // {"id":"0190...","n":1}
 * }</pre>
 */
final class ValuePlaceholders {

    private ValuePlaceholders() {
    }

    /**
     * @param node a JSON object
     * @return whether it is exactly a placeholder tag
     */
    static boolean isPlaceholder(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        JsonNode flag = node.get("$uuidv7");
        return "uuidv7".equals(node.path("__type").textValue())
                || (flag != null && flag.isBoolean() && flag.booleanValue());
    }

    /**
     * @param value a value tree (not modified)
     * @param uuid the commit's UUIDv7, asked for only when a placeholder is found
     * @return {@code value} itself when it holds no placeholder, else a copy with them replaced
     */
    static JsonNode resolve(JsonNode value, Supplier<String> uuid) {
        if (isPlaceholder(value)) {
            return TextNode.valueOf(uuid.get());
        }
        if (!value.isContainerNode() || !contains(value)) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode out = ((ArrayNode) value).arrayNode(value.size());
            value.forEach(e -> out.add(resolve(e, uuid)));
            return out;
        }
        ObjectNode out = ((ObjectNode) value).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            out.set(f.getKey(), resolve(f.getValue(), uuid));
        }
        return out;
    }

    private static boolean contains(JsonNode node) {
        if (isPlaceholder(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && contains(child)) {
                return true;
            }
        }
        return false;
    }
}
