package io.keyval.kv;

/**
 * A write failed because the database's storage is full (HTTP 507). Nothing of it was applied;
 * reads still work, and writes succeed again as soon as space is freed, without a restart.
 */
public class KvStorageFullException extends KvUnavailableException {

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public KvStorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
