package io.keyval.kv.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyval.kv.KvException;
import io.keyval.kv.KvValidationException;
import java.nio.charset.StandardCharsets;

/**
 * Values are stored as compact JSON text: one line (so it fits an SSE {@code data:} line), every
 * number exactly as written (no double rounding, no reformatting), strings well-formed Unicode and
 * numbers within a double's range ({@link Utf8Json}, {@link ValueLimits}).
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
     * Validates JSON and removes insignificant white space, keeping every token as written.
     *
     * @param utf8 JSON from a client, UTF-8
     * @return the compact form
     * @throws KvValidationException {@code Invalid JSON body} if it is not exactly one JSON value, or
     *     naming what cannot be stored as it is (see {@link Utf8Json})
     */
    public static String compact(byte[] utf8) {
        return new String(Utf8Json.compact(utf8), StandardCharsets.UTF_8);
    }

    /**
     * @param value a Java value (record, map, list, scalar, {@link JsonNode}, {@code null})
     * @return its compact JSON text
     * @throws KvValidationException if Jackson cannot convert it, or it holds a string or number that
     *     cannot be stored as it is
     */
    public static String write(Object value) {
        try {
            // Jackson writes compact UTF-8, escaping every surrogate: the check sees unpaired ones.
            return compact(MAPPER.writeValueAsBytes(value));
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
