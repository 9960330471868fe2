package io.keyval.kv.store;

import io.keyval.kv.Key;
import io.keyval.kv.commit.Versionstamps;

/**
 * An entry whose value is the stored JSON's UTF-8 bytes, as the database returns them: for callers
 * that only pass the value on (an HTTP response), so that a large value is never decoded to text and
 * encoded again. Absent entries have {@code json == null} and {@code seq == 0}.
 *
 * @param key the key
 * @param json the value's compact JSON, UTF-8, or {@code null} when absent
 * @param seq the commit sequence number that wrote it, or 0 when absent
 */
public record EntryBytes(Key key, byte[] json, long seq) {

    /** @return whether the entry is live */
    public boolean exists() {
        return seq != 0;
    }

    /** @return the versionstamp, or {@code null} when absent */
    public String versionstamp() {
        return seq == 0 ? null : Versionstamps.format(seq);
    }
}
