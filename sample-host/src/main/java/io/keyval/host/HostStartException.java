package io.keyval.host;

/** The host cannot start; the message says why and names the plugin concerned. */
public class HostStartException extends RuntimeException {

    /**
     * @param message what went wrong, naming the plugin
     * @param cause the underlying failure, or null
     */
    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
