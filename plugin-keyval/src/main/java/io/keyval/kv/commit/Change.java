package io.keyval.kv.commit;

import io.keyval.kv.Key;

/**
 * One change of one entry in a commit, for {@link CommitParticipant}s (inside the transaction) and
 * {@link CommitListener}s (after it is durable): triggers, and later search indexing and watch.
 *
 * @param type what happened
 * @param key the entry's key
 * @param json the stored value after a {@code SET}; {@code null} for removals
 * @param expiresAt the stored expiry (epoch ms) after a {@code SET}; {@code null} for none and for removals
 * @param seq the commit's sequence number
 */
public record Change(Type type, Key key, String json, Long expiresAt, long seq) {

    /** Kinds of change. */
    public enum Type {
        /** written by a set or a mutation */
        SET,
        /** a live entry removed by a delete */
        DELETE,
        /**
         * an expired row removed, by the TTL purge or a delete (no trigger fires; indexes
         * drop it; it was already invisible to reads)
         */
        EXPIRE
    }
}
