package io.keyval.kv.core;

import io.keyval.kv.Key;

/** Key limits of SPEC §1.2 (placeholder until the key model lands). */
public final class KeyLimits {

    private KeyLimits() {
    }

    /**
     * @param key the key
     * @param allowEmpty whether the empty key (a prefix of everything) is allowed
     * @return the key
     */
    public static Key validate(Key key, boolean allowEmpty) {
        throw new UnsupportedOperationException("TODO");
    }
}
