package io.keyval.kv;

/**
 * The store cannot complete the call right now (HTTP 503): the database is unreachable or ended the
 * connection. Nothing of the call was applied. The store reconnects by itself, so retrying later
 * succeeds once the database is back.
 *
 * <pre>{@code
 * try {
 *     kv.set(key, value);
 * } catch (KvUnavailableException e) {
 *     retryLater(key, value); // nothing was written
 * }
 * }</pre>
 */
public class KvUnavailableException extends KvException {

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public KvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
