package io.keyval.kv;

/**
 * The caller's input is invalid (HTTP 400); nothing was changed. The message says what to fix, e.g.
 * {@code Invalid key part at index 1: ...}.
 */
public class KvValidationException extends KvException {

    /** @param message what is wrong with the input */
    public KvValidationException(String message) {
        super(message);
    }
}
