package io.keyval.kv;

/**
 * The store cannot complete the call right now (HTTP 503): the database is unreachable or ended the
 * connection. Unless {@link #outcomeUnknown()}, nothing of the call was applied. The store reconnects
 * by itself, so retrying later succeeds once the database is back.
 *
 * <pre>{@code
 * try {
 *     kv.set(key, value);
 * } catch (KvUnavailableException e) {
 *     if (e.outcomeUnknown()) {
 *         reconcileLater(key, value); // the commit may have been applied: read the key back first
 *     } else {
 *         retryLater(key, value);     // nothing was written
 *     }
 * }
 * }</pre>
 */
public class KvUnavailableException extends KvException {

    private final boolean outcomeUnknown;

    /**
     * A failure that applied nothing.
     *
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public KvUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     * @param outcomeUnknown whether the connection was lost while the commit was being confirmed
     */
    public KvUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * @return {@code true} when the connection was lost during the commit itself: the write may or
     *     may not have been applied, so a retry must not simply repeat it (a repeated {@code sum}
     *     would count twice); {@code false} when nothing was applied
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
