package io.keyval.kv.atomic;

import io.keyval.kv.CommitResult;
import io.keyval.kv.store.KvStore;

/**
 * Commits an {@link AtomicRequest}: the service operation ({@code service.KvService#atomic}, which
 * counts it) for callers on behalf of a client, {@link #direct} for the store's own use.
 */
@FunctionalInterface
public interface AtomicCommitter {

    /**
     * @param request the validated request
     * @return the outcome
     */
    CommitResult commit(AtomicRequest request);

    /**
     * @param store the store
     * @return a committer straight to the store (uncounted)
     */
    static AtomicCommitter direct(KvStore store) {
        return request -> AtomicCommit.run(store, request);
    }
}
