package io.keyval.kv.core;

import io.keyval.kv.Key;
import java.util.List;

/**
 * Keys in URL paths and query strings (SPEC §1.5), with the §1.2 limits enforced
 * ({@link io.keyval.kv.KvValidationException} with the URL-form messages, e.g.
 * {@code Key path cannot be empty}).
 */
public final class KeyPaths {

    private KeyPaths() {
    }

    /**
     * @param rawPath the still percent-encoded request path after the route prefix
     *     {@code .../api/keys/} (e.g. {@code users/42/a%2Fb})
     * @return the key (non-empty)
     */
    public static Key fromRawPath(String rawPath) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param value a query parameter value after normal query decoding, or {@code null}
     * @return the key; empty for {@code null} or blank (i.e. "no prefix")
     */
    public static Key fromQuery(String value) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param values the values of every {@code keys} parameter (comma-separated lists, concatenated)
     * @return the keys, each non-empty, 1..1000 of them
     */
    public static List<Key> keysFromQuery(List<String> values) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The inverse used by prefix-watch state strings: parts joined by {@code /}, with {@code %},
     * {@code /}, {@code ,} and {@code :} percent-encoded inside each part.
     *
     * @param key the key
     * @return its path form
     */
    public static String toPath(Key key) {
        throw new UnsupportedOperationException("TODO");
    }
}
