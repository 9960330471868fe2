package io.keyval.database;

/** A database failure: configuration, connection or SQL. Messages name what to fix. */
public class DatabaseException extends RuntimeException {

    /** @param message what went wrong */
    public DatabaseException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
