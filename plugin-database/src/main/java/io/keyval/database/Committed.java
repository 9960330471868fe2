package io.keyval.database;

/**
 * A transaction that has committed but may not be durable yet, from
 * {@link DatabaseAdapter#transactionDeferringSync}. Until {@link #awaitDurable} returns, the commit
 * must not be reported to anyone: a crash or power loss may still undo it.
 *
 * @param <T> the result type of the transaction's work
 */
public interface Committed<T> {

    /**
     * Waits until the commit is durable to the adapter's durability setting.
     *
     * @return what the transaction's work returned
     * @throws DatabaseException if the engine could not make the commit durable
     */
    T awaitDurable();

    /** @return whether the commit is durable already, so that {@link #awaitDurable} returns at once */
    boolean isDurable();

    /**
     * @param result the work's result
     * @param <T> its type
     * @return a commit that is durable already
     */
    static <T> Committed<T> durable(T result) {
        return new Committed<>() {
            @Override
            public T awaitDurable() {
                return result;
            }

            @Override
            public boolean isDurable() {
                return true;
            }
        };
    }
}
