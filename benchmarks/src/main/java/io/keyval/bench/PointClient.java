package io.keyval.bench;

/** Single-key writes and reads of the {@link Dataset} (W1, W2). One instance per thread. */
public interface PointClient extends AutoCloseable {

    /**
     * Writes {@code value(i)} under key {@code i} and waits for the acknowledgement.
     *
     * @param i the key index
     * @throws Exception on failure
     */
    void set(int i) throws Exception;

    /**
     * Reads key {@code i} and checks the value.
     *
     * @param i the key index
     * @throws VerificationException if it is not {@code value(i)}
     * @throws Exception on failure
     */
    void getAndVerify(int i) throws Exception;
}
