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

    /** @param c cursor @return a copy */
    public PageOptions cursor(String c) {
        return new PageOptions(c, limit, reverse);
    }

    /** @param n page size @return a copy */
    public PageOptions limit(int n) {
        return new PageOptions(cursor, n, reverse);
    }

    /** @param r descending @return a copy */
    public PageOptions reverse(boolean r) {
        return new PageOptions(cursor, limit, r);
    }
}
