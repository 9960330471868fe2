package io.keyval.kv.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.store.EntryBytes;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.StoredEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes entries (docs/http-api.md §3.2): {@code {"key": ..., "value": ..., "versionstamp": ...}}. The stored value
 * is already compact JSON text and is spliced into the output without being parsed again.
 */
final class EntryJson {

    private static final JsonFactory FACTORY = JsonValues.MAPPER.getFactory();
    private static final byte[] KEY_PREFIX = "{\"key\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_PREFIX = ",\"value\":".getBytes(StandardCharsets.US_ASCII);

    private EntryJson() {
    }

    /**
     * @param entry a live or absent entry (absent: value and versionstamp {@code null})
     * @param out the generator
     * @throws IOException from the generator
     */
    static void write(StoredEntry entry, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName("key");
        KeyJson.write(entry.key(), out);
        out.writeFieldName("value");
        if (entry.json() == null) {
            out.writeNull();
        } else {
            out.writeRawValue(entry.json());
        }
        out.writeStringField("versionstamp", entry.versionstamp());
        out.writeEndObject();
    }

    /**
     * Renders {@code {"key":...,"value":...,"versionstamp":"..."}} with the stored value's bytes spliced
     * in unchanged: a value of megabytes costs one copy.
     *
     * @param entry a live entry
     * @return the JSON document
     * @throws IOException from the generator
     */
    static ByteBuffer render(EntryBytes entry) throws IOException {
        ByteArrayBuilder key = new ByteArrayBuilder(64);
        try (JsonGenerator out = FACTORY.createGenerator(key, JsonEncoding.UTF8)) {
            KeyJson.write(entry.key(), out);
        }
        byte[] keyJson = key.toByteArray();
        byte[] tail = (",\"versionstamp\":\"" + entry.versionstamp() + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer json = ByteBuffer.allocate(KEY_PREFIX.length + keyJson.length + VALUE_PREFIX.length
                + entry.json().length + tail.length);
        return json.put(KEY_PREFIX).put(keyJson).put(VALUE_PREFIX).put(entry.json()).put(tail).flip();
    }

    /**
     * @param entries the entries
     * @param out the generator
     * @throws IOException from the generator
     */
    static void writeArray(List<StoredEntry> entries, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (StoredEntry entry : entries) {
            write(entry, out);
        }
        out.writeEndArray();
    }
}
