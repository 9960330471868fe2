package io.keyval.kv.store;

import io.keyval.kv.KvValidationException;
import io.keyval.kv.ListOptions;

/** Shared request limits (docs/http-api.md §7). */
public final class Limits {

    /** Default page size (the public {@link ListOptions#DEFAULT_LIMIT}). */
    public static final int DEFAULT_LIMIT = ListOptions.DEFAULT_LIMIT;
    /** Largest page size; larger requests are clamped (the public {@link ListOptions#MAX_LIMIT}). */
    public static final int MAX_LIMIT = ListOptions.MAX_LIMIT;

    private Limits() {
    }

    /**
     * @param limit a requested page size
     * @return it, clamped to {@link #MAX_LIMIT}
     * @throws KvValidationException when below 1
     */
    public static int pageSize(long limit) {
        if (limit < 1) {
            throw new KvValidationException("limit must be a positive number, received " + limit);
        }
        return (int) Math.min(limit, MAX_LIMIT);
    }

    /**
     * @param expiresIn a requested time to live in ms, or {@code null}
     * @return it
     * @throws KvValidationException when not positive
     */
    public static Long expiresIn(Long expiresIn) {
        if (expiresIn != null && expiresIn <= 0) {
            throw new KvValidationException("expiresIn must be a positive number of milliseconds, received "
                    + expiresIn);
        }
        return expiresIn;
    }
}
