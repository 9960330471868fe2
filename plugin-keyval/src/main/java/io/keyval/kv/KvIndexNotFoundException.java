package io.keyval.kv;

/**
 * A search named a prefix that has no index of its own (HTTP 404). Only an index created on exactly
 * that prefix serves it: an index on {@code ["posts"]} does not serve {@code ["posts", "2024"]}.
 */
public class KvIndexNotFoundException extends KvException {

    /** @param message which prefix has no index */
    public KvIndexNotFoundException(String message) {
        super(message);
    }
}
