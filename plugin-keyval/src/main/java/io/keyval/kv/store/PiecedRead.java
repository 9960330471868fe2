package io.keyval.kv.store;

import java.util.List;

/**
 * Entries read in pieces of bounded size ({@link RangeScan}, {@link KeysRead}): a caller hands each
 * piece on (to a client, say) before it asks for the next, so that memory stays bounded whatever the
 * values' sizes.
 */
public interface PiecedRead {

    /** @return whether {@link #next} may return more entries */
    boolean hasNext();

    /** @return the next piece, in order (empty once the read is finished) */
    List<StoredEntry> next();

    /** Tells the read that no more pieces will be asked for before it finished (the client went away). */
    default void abandon() {
    }
}
