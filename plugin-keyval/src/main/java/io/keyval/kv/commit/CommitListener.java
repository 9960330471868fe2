package io.keyval.kv.commit;

import java.util.List;

/**
 * Told about changes once their commit is durable, on this host only. Called on a submitting thread,
 * one group at a time, in commit order, while the writer turn is held: implementations must be quick
 * (hand work to their own thread), or every writer waits.
 *
 * <p>A listener hears each durable commit once, even when its command ran more than once inside the
 * transaction (a group runs again without a commit that failed, or on a fresh connection after one
 * was lost before {@code COMMIT}): only the run that committed is reported.
 */
@FunctionalInterface
public interface CommitListener {

    /**
     * @param changes the changes of one or more commits, in commit order
     */
    void committed(List<Change> changes);
}
