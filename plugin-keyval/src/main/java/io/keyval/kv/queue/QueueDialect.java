package io.keyval.kv.queue;

/** The queue capability's differences between engines. */
public interface QueueDialect {

    /**
     * @return an SQL expression of the database clock in epoch ms, the same value wherever it appears
     *     in one statement
     */
    String nowMillis();

    /**
     * @return what follows a dequeue's candidate query so that concurrent consumers take different
     *     messages without waiting for each other ({@code ""} where writers are serialised anyway)
     */
    String skipLocked();

    /**
     * @return what follows a query that reads a message before changing it in the same transaction
     *     ({@code ""} where writers are serialised anyway)
     */
    String forUpdate();

    /**
     * @return whether queue writes go through the entries' commit pipeline, to share its group
     *     commits (one sync for a burst of acks); otherwise each runs in its own transaction, apart from
     *     the entries' commit sequence, so that consumers on several hosts do not serialise on it
     */
    boolean groupsWrites();
}
