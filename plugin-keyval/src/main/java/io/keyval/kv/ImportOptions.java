package io.keyval.kv;

/**
 * Options of {@link Kv#importFrom}.
 *
 * @param overwrite whether an entry replaces an existing live entry with the same key ({@code true},
 *     the default) or is skipped
 * @param atomic apply everything in one transaction, or nothing (at most
 *     {@value #MAX_ATOMIC_ENTRIES} records and 64 MB of them); otherwise records are applied in batches
 *     as they are read
 */
public record ImportOptions(boolean overwrite, boolean atomic) {

    /** The most entries an atomic import may hold: they are kept in memory until the one commit. */
    public static final int MAX_ATOMIC_ENTRIES = 100_000;

    /** @return overwrite existing keys, in batches */
    public static ImportOptions defaults() {
        return new ImportOptions(true, false);
    }

    /**
     * @param o {@code false} to keep existing entries (mode {@code skip})
     * @return a copy with it
     */
    public ImportOptions overwrite(boolean o) {
        return new ImportOptions(o, atomic);
    }

    /**
     * @param a whether to apply all or nothing
     * @return a copy with it
     */
    public ImportOptions atomic(boolean a) {
        return new ImportOptions(overwrite, a);
    }
}
