package io.keyval.kv.store;

import java.util.List;

/**
 * A page of stored entries (docs/http-api.md §4.4).
 *
 * @param entries the entries
 * @param cursor the cursor of the last entry when {@code hasMore}, else {@code null}
 * @param hasMore whether more live entries follow
 */
public record RawPage(List<StoredEntry> entries, String cursor, boolean hasMore) {
}
