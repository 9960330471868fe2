package io.keyval.database;

/**
 * The database cannot be reached or ended the connection (PostgreSQL connection errors, an
 * administrator's {@code pg_terminate_backend}, a server shutting down, an exhausted pool). The next
 * call opens a fresh connection, so retrying succeeds once the database is back.
 *
 * <p>Unless {@link #outcomeUnknown()}, the work did not take effect, so running it again is safe.
 */
public class DatabaseUnavailableException extends DatabaseException {

    private final boolean outcomeUnknown;

    /**
     * @param message what went wrong
     * @param cause the driver's failure
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what went wrong
     * @param cause the driver's failure
     * @param outcomeUnknown whether the connection was lost while {@code COMMIT} was in flight
     */
    public DatabaseUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * @return {@code true} when the connection was lost while {@code COMMIT} was in flight: the
     *     transaction may or may not have committed, so it must not simply be run again
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
