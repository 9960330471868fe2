package io.keyval.kv;

/**
 * The outcome of {@link Kv#transaction}.
 *
 * @param ok whether the commit succeeded
 * @param value the body's result when {@code ok}
 * @param versionstamp the commit's versionstamp when {@code ok}
 * @param error {@code "conflict"} (checks kept failing) or {@code "error"} (the body or the commit
 *     threw) when not {@code ok}
 * @param message the exception message for {@code "error"}
 * @param <T> the body's result type
 */
public record TransactionResult<T>(boolean ok, T value, String versionstamp, String error, String message) {
}
