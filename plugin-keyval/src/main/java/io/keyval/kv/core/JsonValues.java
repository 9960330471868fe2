package io.keyval.kv.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyval.kv.KvException;
import io.keyval.kv.KvValidationException;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Values are stored as compact JSON text: one line (so it fits an SSE {@code data:} line), numbers
 * exactly as written (no double rounding).
 */
public final class JsonValues {

    /** The mapper of the plugin; numbers read as BigDecimal/BigInteger so they survive unchanged. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 10.0 stays 10.0, not 1E+1
            .build();

    private JsonValues() {
    }

    /**
     * Validates JSON text and removes insignificant white space, keeping every token as written.
     *
     * @param text JSON text from a client
     * @return the compact form
     * @throws KvValidationException {@code Invalid JSON body} if it is not exactly one JSON value
     */
    public static String compact(String text) {
        StringWriter out = new StringWriter(text.length());
        try (JsonParser p = MAPPER.getFactory().createParser(text);
                JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            if (p.nextToken() == null) {
                throw new KvValidationException("Invalid JSON body");
            }
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                g.copyCurrentEventExact(p);
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && p.nextToken() != null);
            if (depth != 0 || p.nextToken() != null) {
                throw new KvValidationException("Invalid JSON body");
            }
        } catch (IOException e) {
            throw new KvValidationException("Invalid JSON body");
        }
        return out.toString();
    }

    /**
     * @param value a Java value (record, map, list, scalar, {@link JsonNode}, {@code null})
     * @return its compact JSON text
     * @throws KvValidationException if Jackson cannot convert it
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new KvValidationException("Value cannot be converted to JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * @param json stored JSON text
     * @return its tree
     */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new KvException("Stored value is not JSON", e);
        }
    }

    /**
     * @param json stored JSON text, or {@code null}
     * @param type the wanted type
     * @param <T> the wanted type
     * @return the converted value ({@code null} for {@code null})
     * @throws KvException if the value does not convert to {@code type}
     */
    public static <T> T convert(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new KvException("Stored value does not convert to " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
