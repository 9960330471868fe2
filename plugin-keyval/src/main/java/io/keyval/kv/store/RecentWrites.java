package io.keyval.kv.store;

import io.keyval.kv.Key;
import io.keyval.kv.commit.Change;
import io.keyval.kv.commit.CommitListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The versionstamps of the latest durable writes this store made, per key, in a bounded lossy table
 * (a key shares its slot with others and may be forgotten). It lets an atomic commit settle a check
 * without reading: versionstamps grow in commit order, so a check against an older versionstamp than
 * the key's latest write can only fail, and one against exactly that write is current unless another
 * process wrote the key since (the check inside the transaction still decides).
 *
 * <pre>{@code
 * long latest = recent.latest(key); // -1: not known
 * }</pre>
 */
public final class RecentWrites implements CommitListener {

    // A power of two. Contention is on a few hot keys; at most this many keys (2 KiB each at most) stay referenced.
    private static final int SLOTS = 1024;

    private final AtomicReferenceArray<Write> slots = new AtomicReferenceArray<>(SLOTS);

    private record Write(Key key, long seq) {
    }

    /** Records every change; called by the pipeline once the commits are durable, in commit order. */
    @Override
    public void committed(List<Change> changes) {
        for (Change change : changes) {
            slots.set(slot(change.key()), new Write(change.key(), change.seq()));
        }
    }

    /**
     * @param key a key without placeholders
     * @return the sequence number of this store's latest durable write of the key (a set, a delete or
     *     an expiry), or -1 when it is not known
     */
    public long latest(Key key) {
        Write w = slots.get(slot(key));
        return w != null && w.key().equals(key) ? w.seq() : -1;
    }

    private static int slot(Key key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
