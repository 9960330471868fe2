package io.keyval.kv.atomic;

import io.keyval.kv.Key;

/**
 * A condition of an atomic commit (docs/http-api.md §6.2): the key's live entry must carry exactly
 * {@code versionstamp}, or — when it is {@code null} — the key must be absent (expired = absent).
 *
 * <pre>{@code
 * new Check(Key.of("users", 1), "00000000000000070000"); // unchanged since that commit
 * new Check(Key.of("locks", "a"), null);                 // must not exist
 * }</pre>
 *
 * @param key the key (no placeholders)
 * @param versionstamp the expected versionstamp, or {@code null} for "absent"
 */
public record Check(Key key, String versionstamp) {
}
