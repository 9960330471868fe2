package io.keyval.kv;

/** Base of the exceptions the KV API throws. A plain {@code KvException} is a server-side failure. */
public class KvException extends RuntimeException {

    /** @param message what went wrong */
    public KvException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the cause
     */
    public KvException(String message, Throwable cause) {
        super(message, cause);
    }
}
