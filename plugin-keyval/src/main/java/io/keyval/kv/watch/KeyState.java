package io.keyval.kv.watch;

import io.keyval.kv.Key;
import io.keyval.kv.store.StoredEntry;

/**
 * A watched key's state after some commit: live with its value, or absent.
 *
 * @param key the key
 * @param json the value's JSON text; {@code null} when absent (deleted, expired, never written)
 * @param seq the commit that made this state (for an expiry: the write that expired); 0 when unknown
 * @param expiresAt when a live value expires (epoch ms), or {@code null}
 */
public record KeyState(Key key, String json, long seq, Long expiresAt) {

    /** @return whether the key has a value in this state */
    public boolean live() {
        return json != null;
    }

    /** @return the entry as reported: absent (value and versionstamp {@code null}) unless live */
    public StoredEntry toEntry() {
        return live() ? new StoredEntry(key, json, seq) : StoredEntry.absent(key);
    }

    /** The seq of an absence found by a read, whose deleting commit is not known. */
    static final long UNKNOWN = -1;

    static KeyState absent(Key key, long seq) {
        return new KeyState(key, null, seq, null);
    }
}
