package io.keyval.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A where filter over entry values (docs/http-api.md §5): field paths mapped to values or operator objects,
 * combined with {@code $and}, {@code $or}, {@code $not}. The filter is validated when it is used;
 * an invalid one makes the operation throw {@link KvValidationException}.
 *
 * <pre>{@code
 * Filter active = Filter.parse("{\"status\": \"active\", \"age\": {\"$gte\": 18}}");
 * List<KvEntry<JsonNode>> adults = kv.list(Key.of("users"), ListOptions.defaults().where(active));
 * }</pre>
 *
 * @param json the filter document
 */
public record Filter(JsonNode json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param json filter JSON text
     * @return the filter
     * @throws KvValidationException if the text is not JSON
     */
    public static Filter parse(String json) {
        try {
            return new Filter(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new KvValidationException("Invalid where filter: not JSON");
        }
    }

    /**
     * @param tree a {@link java.util.Map} (or any value Jackson converts to an object)
     * @return the filter
     */
    public static Filter of(Object tree) {
        return new Filter(tree instanceof JsonNode n ? n : MAPPER.valueToTree(tree));
    }
}
