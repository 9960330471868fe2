package io.keyval.kv.commit;

import java.util.List;

/**
 * Told about changes once their commit is durable. Called on a submitting thread, one group at a time, in
 * commit order: implementations must be quick (hand work to their own thread).
 */
@FunctionalInterface
public interface CommitListener {

    /** @param changes the changes of one or more commits, in commit order */
    void committed(List<Change> changes);
}
