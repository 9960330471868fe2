package io.keyval.kv;

/**
 * Options of {@link Kv#watch} and {@link Kv#watchPrefix}.
 *
 * @param initial whether the first call of the listener carries the current state of everything
 *     watched (absent keys as {@code null} values); {@code false}: only later changes
 * @param limit for a prefix: how many live descendants are followed, the first ones in key order,
 *     1..1000 (default 100); a key beyond them is not reported, nor one that leaves them by growth of
 *     the others
 */
public record WatchOptions(boolean initial, int limit) {

    /** @return an initial snapshot, 100 descendants of a prefix */
    public static WatchOptions defaults() {
        return new WatchOptions(true, ListOptions.DEFAULT_LIMIT);
    }

    /**
     * @param i whether the listener first receives the current state
     * @return a copy with it
     */
    public WatchOptions initial(boolean i) {
        return new WatchOptions(i, limit);
    }

    /**
     * @param n how many live descendants of a prefix are followed, 1..1000
     * @return a copy with it
     */
    public WatchOptions limit(int n) {
        return new WatchOptions(initial, n);
    }
}
