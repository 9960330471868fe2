package io.keyval.kv.commit;

import io.keyval.kv.Key;

/**
 * One committed change of one entry, produced by the commit pipeline for its listeners
 * (triggers, and later search indexing and watch).
 *
 * @param type what happened
 * @param key the entry's key
 * @param json the stored value after a {@code SET}; {@code null} for deletions
 * @param seq the commit's sequence number
 */
public record Change(Type type, Key key, String json, long seq) {

    /** Kinds of change. */
    public enum Type {
        /** written by a set or a mutation */
        SET,
        /** removed by a delete */
        DELETE,
        /** removed by the TTL purge (no trigger fires; indexes drop it) */
        EXPIRE
    }
}
