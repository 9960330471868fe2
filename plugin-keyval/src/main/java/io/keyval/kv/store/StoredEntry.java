package io.keyval.kv.store;

import io.keyval.kv.Key;
import io.keyval.kv.commit.Versionstamps;

/**
 * An entry as stored: the value as compact JSON text. Absent entries have {@code json == null} and
 * {@code seq == 0}.
 *
 * @param key the key
 * @param json the value's JSON text, or {@code null} when absent
 * @param seq the commit sequence number that wrote it, or 0 when absent
 */
public record StoredEntry(Key key, String json, long seq) {

    /**
     * @param key a key
     * @return the absent entry for it
     */
    public static StoredEntry absent(Key key) {
        return new StoredEntry(key, null, 0);
    }

    /** @return whether the entry is live */
    public boolean exists() {
        return seq != 0;
    }

    /** @return the versionstamp, or {@code null} when absent */
    public String versionstamp() {
        return seq == 0 ? null : Versionstamps.format(seq);
    }
}
