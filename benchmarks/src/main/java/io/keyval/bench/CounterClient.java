package io.keyval.bench;

/** Counters numbered from 0 for W4 (one contended counter) and W4b (one per thread). One instance per thread. */
public interface CounterClient extends AutoCloseable {

    /**
     * @param counter the counter number
     * @throws Exception on failure
     */
    void create(int counter) throws Exception;

    /**
     * One optimistic attempt: read the counter, then write value + 1 only if it is unchanged.
     *
     * @param counter the counter number
     * @return whether the write committed; {@code false} when another writer came first
     * @throws Exception on failure
     */
    boolean tryIncrement(int counter) throws Exception;

    /**
     * Adds one without reading (W4b), in one transaction.
     *
     * @param counter the counter number
     * @throws Exception on failure
     */
    void increment(int counter) throws Exception;

    /**
     * @param counter the counter number
     * @return its committed value
     * @throws Exception on failure
     */
    long value(int counter) throws Exception;
}
