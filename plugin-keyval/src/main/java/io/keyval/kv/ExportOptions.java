package io.keyval.kv;

/**
 * Options of {@link Kv#exportTo}.
 *
 * @param prefix export only the entries under this prefix (its strict descendants) and the search
 *     indexes at or below it; the empty key for the whole store
 */
public record ExportOptions(Key prefix) {

    /** @return the whole store */
    public static ExportOptions wholeStore() {
        return new ExportOptions(Key.of());
    }

    /**
     * @param prefix the prefix
     * @return only what is under {@code prefix}
     */
    public static ExportOptions under(Key prefix) {
        return new ExportOptions(prefix);
    }
}
