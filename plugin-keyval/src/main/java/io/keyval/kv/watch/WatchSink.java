package io.keyval.kv.watch;

import java.util.List;

/**
 * Where a watch delivers: a Java listener, an SSE stream. A delivery may complete later (a socket
 * write), so the sink says when it is done; until then the watch coalesces what comes next.
 */
@FunctionalInterface
public interface WatchSink {

    /**
     * @param batch the changed keys in their latest state, in the watch's order
     * @param done to run once the batch is consumed (also after a failure), exactly once
     */
    void deliver(List<KeyState> batch, Runnable done);

}
