package io.keyval.kv;

/**
 * Options of {@link Kv#paginate}.
 *
 * @param cursor the {@link Page#cursor()} of the previous page, or {@code null} for the first page
 * @param limit page size, 1..1000 (clamped)
 * @param reverse descending key order
 */
public record PageOptions(String cursor, int limit, boolean reverse) {

    /** @return first page, 100 entries, ascending */
    public static PageOptions defaults() {
        return new PageOptions(null, ListOptions.DEFAULT_LIMIT, false);
    }

    /**
     * @param c the previous page's {@link Page#cursor()}, or {@code null} for the first page
     * @return a copy with it
     */
    public PageOptions cursor(String c) {
        return new PageOptions(c, limit, reverse);
    }

    /**
     * @param n the page size, 1..1000 (clamped)
     * @return a copy with it
     */
    public PageOptions limit(int n) {
        return new PageOptions(cursor, n, reverse);
    }

    /**
     * @param r whether to page in descending key order
     * @return a copy with it
     */
    public PageOptions reverse(boolean r) {
        return new PageOptions(cursor, limit, r);
    }
}
