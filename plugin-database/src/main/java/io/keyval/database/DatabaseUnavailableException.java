package io.keyval.database;

/**
 * The database cannot be reached, ended the connection (PostgreSQL connection errors, an
 * administrator's {@code pg_terminate_backend}, a server shutting down), or no pooled connection
 * became free in time. The next call opens a fresh connection, so retrying succeeds once the
 * database is back.
 *
 * <p>Unless {@link #outcomeUnknown()}, the work did not take effect, so running it again is safe.
 */
public class DatabaseUnavailableException extends DatabaseException {

    private final boolean connectionLost;
    private final boolean outcomeUnknown;

    /**
     * @param message what went wrong
     * @param cause the driver's failure
     * @param connectionLost whether a connection the work was using failed or was ended by the server
     *     (rather than none being available)
     * @param outcomeUnknown whether the connection was lost while {@code COMMIT} was in flight
     */
    public DatabaseUnavailableException(String message, Throwable cause, boolean connectionLost, boolean outcomeUnknown) {
        super(message, cause);
        this.connectionLost = connectionLost;
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * @return {@code true} when a connection in use failed or was ended by the server: its pooled
     *     siblings are suspect, and the work may be run again on a fresh one (unless
     *     {@link #outcomeUnknown()}); {@code false} when no connection could be had (the database is
     *     down, or the pool stayed busy), where running it again at once would only wait again
     */
    public boolean connectionLost() {
        return connectionLost;
    }

    /**
     * @return {@code true} when the connection was lost while {@code COMMIT} was in flight: the
     *     transaction may or may not have committed, so it must not simply be run again
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
