package io.keyval.kv;

/**
 * Options of {@link KvFts#search}. Immutable; the methods return a copy.
 *
 * @param limit maximum results, 1..1000 (larger values are clamped to 1000)
 * @param where a filter on the entries' values, applied before the limit, or {@code null}
 */
public record SearchOptions(int limit, Filter where) {

    /** Default number of results. */
    public static final int DEFAULT_LIMIT = 100;

    /** @return limit 100, no filter */
    public static SearchOptions defaults() {
        return new SearchOptions(DEFAULT_LIMIT, null);
    }

    /**
     * @param n the maximum number of results, 1..1000 (larger values are clamped)
     * @return a copy with it
     */
    public SearchOptions limit(int n) {
        return new SearchOptions(n, where);
    }

    /**
     * @param f the where filter (see {@link Filter}), or {@code null} for none
     * @return a copy with it
     */
    public SearchOptions where(Filter f) {
        return new SearchOptions(limit, f);
    }
}
