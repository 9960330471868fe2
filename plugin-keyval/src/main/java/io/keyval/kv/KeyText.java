package io.keyval.kv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;

/**
 * The JSON text of a key (docs/http-api.md §2.1), as {@link Key#toString()} returns it and the HTTP
 * API emits it: strings, JavaScript-formatted numbers, booleans, bigint tags, bytes tags with
 * base64url (no padding), and the uuidv7 tag for an unresolved placeholder.
 */
final class KeyText {

    private static final JsonFactory JSON = new JsonFactory();

    private KeyText() {
    }

    /**
     * @param parts normalised parts, placeholders included
     * @return their JSON text
     */
    static String toJson(List<Object> parts) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartArray();
            for (Object part : parts) {
                writePart(part, out);
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void writePart(Object part, JsonGenerator out) throws IOException {
        if (part instanceof String s) {
            out.writeString(s);
        } else if (part instanceof Double d) {
            out.writeNumber(JsNumbers.format(d));
        } else if (part instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (part instanceof BigInteger big) {
            tag("bigint", big.toString(), out);
        } else if (part instanceof byte[] bytes) {
            tag("bytes", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), out);
        } else {
            tag("uuidv7", null, out); // the only other part a Key holds
        }
    }

    /** The {@code {"__type":…,"value":…}} form of a part that JSON has no native form for. */
    private static void tag(String type, String value, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("__type", type);
        if (value != null) {
            out.writeStringField("value", value);
        }
        out.writeEndObject();
    }
}
