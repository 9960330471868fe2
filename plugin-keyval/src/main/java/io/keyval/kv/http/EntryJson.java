package io.keyval.kv.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyval.kv.core.KeyJson;
import io.keyval.kv.core.StoredEntry;
import java.io.IOException;
import java.util.List;

/**
 * Writes entries (SPEC §1.8): {@code {"key": ..., "value": ..., "versionstamp": ...}}. The stored value
 * is already compact JSON text and is spliced into the output without being parsed again.
 */
final class EntryJson {

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
