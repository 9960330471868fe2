package io.keyval.bench;

/** A workload read back something other than what it wrote: the run is invalid and aborts. */
public final class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what was found */
    public VerificationException(String message) {
        super(message);
    }
}
