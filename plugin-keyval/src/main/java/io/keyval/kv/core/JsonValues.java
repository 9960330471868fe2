package io.keyval.kv.core;

import com.fasterxml.jackson.core.JsonFactory;
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
 * Values are stored as compact JSON text: one line (so it fits an SSE {@code data:} line), every
 * number exactly as written (no double rounding, no reformatting), strings well-formed Unicode and
 * numbers within a double's range ({@link JsonText}).
 */
public final class JsonValues {

    /** The mapper of the plugin; numbers read as BigDecimal/BigInteger so they survive unchanged. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 10.0 stays 10.0, not 1E+1
            .build();

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonValues() {
    }

    /**
     * Validates JSON text and removes insignificant white space, keeping every token's text as written.
     *
     * @param text JSON text from a client
     * @return the compact form
     * @throws KvValidationException {@code Invalid JSON body} if it is not exactly one JSON value, or
     *     naming the string or number that cannot be stored as it is
     */
    public static String compact(String text) {
        StringWriter out = new StringWriter(text.length());
        try (JsonParser p = FACTORY.createParser(text); JsonGenerator g = FACTORY.createGenerator(out)) {
            copy(p, g);
        } catch (IOException e) {
            throw new KvValidationException("Invalid JSON body");
        }
        return out.toString();
    }

    /**
     * Copies one JSON value token by token (strings and numbers from the parser's buffers, without
     * converting them), checking each string and number; with no generator it only checks.
     */
    private static void copy(JsonParser p, JsonGenerator g) throws IOException {
        if (p.nextToken() == null) {
            throw new KvValidationException("Invalid JSON body");
        }
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME, VALUE_STRING -> JsonText.checkString(
                        p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonText.checkNumber(
                        p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                default -> { } // true, false, null
            }
            if (g != null) {
                write(t, p, g);
            }
        } while (depth > 0 && p.nextToken() != null);
        if (depth != 0 || p.nextToken() != null) {
            throw new KvValidationException("Invalid JSON body");
        }
    }

    private static void write(JsonToken t, JsonParser p, JsonGenerator g) throws IOException {
        switch (t) {
            case START_OBJECT -> g.writeStartObject();
            case END_OBJECT -> g.writeEndObject();
            case START_ARRAY -> g.writeStartArray();
            case END_ARRAY -> g.writeEndArray();
            case FIELD_NAME -> g.writeFieldName(p.currentName());
            case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    g.writeNumber(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_TRUE -> g.writeBoolean(true);
            case VALUE_FALSE -> g.writeBoolean(false);
            default -> g.writeNull();
        }
    }

    /**
     * @param value a Java value (record, map, list, scalar, {@link JsonNode}, {@code null})
     * @return its compact JSON text
     * @throws KvValidationException if Jackson cannot convert it, or it holds a string or number that
     *     cannot be stored as it is
     */
    public static String write(Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new KvValidationException("Value cannot be converted to JSON: " + e.getOriginalMessage());
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            copy(p, null);
        } catch (IOException e) {
            // Jackson wrote it, so it parses; NaN and infinities are written as strings by default.
            throw new KvValidationException("Value cannot be converted to JSON: " + e.getMessage());
        }
        return json;
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
