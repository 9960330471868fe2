package io.keyval.host;

/** A manifest cannot be read, or its content is invalid. The message names the file or plugin. */
public class ManifestException extends RuntimeException {

    /** @param message what is wrong, naming the file or plugin */
    public ManifestException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file or plugin
     * @param cause the underlying failure
     */
    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
