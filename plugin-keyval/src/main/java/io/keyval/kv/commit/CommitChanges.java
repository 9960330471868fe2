package io.keyval.kv.commit;

import io.keyval.kv.keys.KeyRange;
import java.util.List;

/**
 * What one commit changed, as a {@link CommitParticipant} sees it before {@code COMMIT}.
 *
 * @param seq the commit's sequence number
 * @param changes every row written or removed, in order: sets with their value and expiry, live
 *     entries deleted, and expired rows removed (by the purge or a delete)
 * @param clearedRanges the key ranges deleted without a filter, in order: every row in them is gone,
 *     expired ones included, so that an index can drop a range in one statement
 */
public record CommitChanges(long seq, List<Change> changes, List<KeyRange> clearedRanges) {

    /** @return whether the commit changed nothing */
    public boolean isEmpty() {
        return changes.isEmpty() && clearedRanges.isEmpty();
    }
}
