package io.keyval.kv;

import java.util.function.BiConsumer;

/**
 * Options of {@link KvQueue#listen}.
 *
 * <pre>{@code
 * QueueListenOptions.defaults().concurrency(4).onError((message, e) -> log.warn("{} failed", message.id(), e));
 * }</pre>
 *
 * @param concurrency how many handlers may run at once, 1..1000
 * @param onError called with a message whose handler threw (an exception or an error), before it is nacked; may be {@code null}
 */
public record QueueListenOptions(int concurrency, BiConsumer<KvQueue.QueueMessage, Throwable> onError) {

    /** @return one handler at a time, no error callback */
    public static QueueListenOptions defaults() {
        return new QueueListenOptions(1, null);
    }

    /**
     * @param n handlers at once
     * @return a copy with it
     */
    public QueueListenOptions concurrency(int n) {
        return new QueueListenOptions(n, onError);
    }

    /**
     * @param callback the error callback
     * @return a copy with it
     */
    public QueueListenOptions onError(BiConsumer<KvQueue.QueueMessage, Throwable> callback) {
        return new QueueListenOptions(concurrency, callback);
    }
}
