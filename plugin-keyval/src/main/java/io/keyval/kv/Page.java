package io.keyval.kv;

import java.util.List;

/**
 * One page of {@link Kv#paginate}.
 *
 * @param entries the entries in key order (descending when reversed)
 * @param cursor an opaque base64url cursor for the next page; non-null exactly when {@code hasMore}
 * @param hasMore whether at least one more live entry follows
 * @param <T> the value type
 */
public record Page<T>(List<KvEntry<T>> entries, String cursor, boolean hasMore) {
}
