package io.keyval.kv;

/**
 * An entry read from the store. An absent (or expired) key is an entry whose
 * {@link #versionstamp()} is {@code null} and whose value is {@code null}; a stored JSON
 * {@code null} has a non-null versionstamp.
 *
 * @param key the key
 * @param value the value, converted to the requested type ({@code null} when absent)
 * @param versionstamp 20 lowercase hex characters identifying the commit that wrote the entry, or
 *     {@code null} when absent
 * @param <T> the value type
 */
public record KvEntry<T>(Key key, T value, String versionstamp) {

    /** @return whether the key holds a live entry */
    public boolean exists() {
        return versionstamp != null;
    }
}
