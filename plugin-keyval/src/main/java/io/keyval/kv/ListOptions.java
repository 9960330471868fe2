package io.keyval.kv;

/**
 * Options of {@link Kv#list}. Immutable; the {@code with}-style methods return a copy.
 *
 * @param start inclusive lower bound (a full key), or {@code null}
 * @param end exclusive upper bound (a full key), or {@code null}
 * @param limit maximum entries, 1..1000 (larger values are clamped to 1000)
 * @param reverse descending key order
 * @param where a filter applied before the limit, or {@code null}
 */
public record ListOptions(Key start, Key end, int limit, boolean reverse, Filter where) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size. */
    public static final int MAX_LIMIT = 1000;

    /** @return no bounds, limit 100, ascending, no filter */
    public static ListOptions defaults() {
        return new ListOptions(null, null, DEFAULT_LIMIT, false, null);
    }

    /**
     * @param k the inclusive lower bound (a full key), or {@code null}
     * @return a copy with it
     */
    public ListOptions start(Key k) {
        return new ListOptions(k, end, limit, reverse, where);
    }

    /**
     * @param k the exclusive upper bound (a full key), or {@code null}
     * @return a copy with it
     */
    public ListOptions end(Key k) {
        return new ListOptions(start, k, limit, reverse, where);
    }

    /**
     * @param n the maximum number of entries, 1..1000 (larger values are clamped)
     * @return a copy with it
     */
    public ListOptions limit(int n) {
        return new ListOptions(start, end, n, reverse, where);
    }

    /**
     * @param r whether to list in descending key order
     * @return a copy with it
     */
    public ListOptions reverse(boolean r) {
        return new ListOptions(start, end, limit, r, where);
    }

    /**
     * @param f the where filter (see {@link Filter}), or {@code null} for none
     * @return a copy with it
     */
    public ListOptions where(Filter f) {
        return new ListOptions(start, end, limit, reverse, f);
    }
}
