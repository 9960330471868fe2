package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One committed change of one entry, as delivered to triggers.
 *
 * @param type {@code SET} (the entry now holds {@code value}) or {@code DELETE}
 * @param key the entry's key
 * @param value the stored value after the change ({@code null} for deletes)
 * @param versionstamp the commit's versionstamp
 */
public record KvChange(Type type, Key key, JsonNode value, String versionstamp) {

    /** Change types. */
    public enum Type {
        /** The entry was written. */
        SET,
        /** The entry was removed. */
        DELETE
    }
}
