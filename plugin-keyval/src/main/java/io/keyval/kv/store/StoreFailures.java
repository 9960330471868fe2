package io.keyval.kv.store;

import io.keyval.database.DatabaseFullException;
import io.keyval.database.DatabaseUnavailableException;
import io.keyval.kv.KvStorageFullException;
import io.keyval.kv.KvUnavailableException;
import java.util.function.Supplier;

/** Turns the database faults a caller can act on into the KV API's exceptions; others pass unchanged. */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * Runs a database call, its faults translated ({@link #translate}).
     *
     * @param call the call
     * @param <T> its result
     * @return its result
     */
    public static <T> T translating(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * @param failure what the database layer threw
     * @return the exception the KV API throws for it
     */
    public static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof DatabaseFullException) {
            return new KvStorageFullException("Storage is full (disk full): the write was not applied;"
                    + " free disk space and retry", failure);
        }
        if (failure instanceof DatabaseUnavailableException lost) {
            return new KvUnavailableException(lost.outcomeUnknown()
                    ? "Database connection lost during commit: the write may or may not have been applied;"
                            + " read it back before retrying (" + lost.getMessage() + ")"
                    : "Database unavailable: nothing was applied; retry shortly (" + lost.getMessage() + ")",
                    failure, lost.outcomeUnknown());
        }
        return failure;
    }
}
