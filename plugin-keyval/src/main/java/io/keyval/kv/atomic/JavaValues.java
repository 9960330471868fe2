package io.keyval.kv.atomic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.JsonValues;
import java.io.IOException;

/**
 * Java values of the atomic builder as JSON trees, with {@code kv.uuidv7()} anywhere inside a value
 * written as the {@code {"__type":"uuidv7"}} tag so that the commit resolves it like a key
 * placeholder.
 *
 * <pre>{@code
 * JavaValues.tree(Map.of("id", kv.uuidv7(), "n", 1)) // {"id":{"__type":"uuidv7"},"n":1}
 * }</pre>
 */
final class JavaValues {

    private static final ObjectMapper MAPPER = JsonValues.MAPPER.copy()
            .registerModule(new SimpleModule("uuidv7-placeholder").addSerializer(new PlaceholderSerializer()));

    private JavaValues() {
    }

    /**
     * @param value any value {@link JsonValues#write} accepts, or the UUIDv7 placeholder
     * @return its JSON tree (numbers exact: written, then read back with the store's number rules)
     */
    static JsonNode tree(Object value) {
        try {
            return JsonValues.tree(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new KvValidationException("Value cannot be converted to JSON: " + e.getOriginalMessage());
        }
    }

    /** Writes the placeholder marker as its JSON tag. */
    private static final class PlaceholderSerializer extends StdSerializer<Object> {

        @SuppressWarnings("unchecked")
        PlaceholderSerializer() {
            super((Class<Object>) Key.uuidv7Placeholder().getClass());
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("__type", "uuidv7");
            gen.writeEndObject();
        }
    }
}
