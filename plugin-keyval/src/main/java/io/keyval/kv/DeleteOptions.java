package io.keyval.kv;

/**
 * Options of {@link Kv#delete}: by default a delete removes the key <em>and all its descendants</em>.
 *
 * @param exact remove only the key itself
 * @param where remove only live entries whose value matches, or {@code null}
 */
public record DeleteOptions(boolean exact, Filter where) {

    /** @return prefix mode, no filter */
    public static DeleteOptions defaults() {
        return new DeleteOptions(false, null);
    }

    /** @return exact mode, no filter */
    public static DeleteOptions exactKey() {
        return new DeleteOptions(true, null);
    }

    /**
     * @param f the where filter (see {@link Filter}), or {@code null} for none
     * @return a copy with it
     */
    public DeleteOptions where(Filter f) {
        return new DeleteOptions(exact, f);
    }
}
