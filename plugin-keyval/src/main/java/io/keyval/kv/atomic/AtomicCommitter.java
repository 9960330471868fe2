package io.keyval.kv.atomic;

import io.keyval.kv.CommitResult;

/**
 * Commits an {@link AtomicRequest}. The plugin's committer is the service operation
 * ({@code service.KvService#commit}), which counts each commit in the metrics.
 */
@FunctionalInterface
public interface AtomicCommitter {

    /**
     * @param request the validated request
     * @return the outcome
     */
    CommitResult commit(AtomicRequest request);
}
