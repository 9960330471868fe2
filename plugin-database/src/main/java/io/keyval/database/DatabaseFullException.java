package io.keyval.database;

/**
 * The database could not write because its storage is full (SQLite {@code SQLITE_FULL}, PostgreSQL
 * {@code disk_full}). The transaction was rolled back; writes succeed again once space is freed.
 */
public class DatabaseFullException extends DatabaseException {

    /**
     * @param message what went wrong
     * @param cause the driver's failure
     */
    public DatabaseFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
