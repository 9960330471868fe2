package io.keyval.database;

import java.sql.SQLException;

/**
 * Messages between the processes sharing a database (PostgreSQL {@code LISTEN}/{@code NOTIFY}).
 * Channels are scoped to the adapter's schema, so that stores in different schemas of one database
 * do not, as a rule, hear each other (a listener must tolerate notifications that do not concern it). A notification sent inside a transaction is delivered when, and only if,
 * it commits; every listening process receives it, the sender's own included.
 *
 * <pre>{@code
 * Notifications n = adapter.notifications().orElseThrow();
 * AutoCloseable listening = n.listen("changes", new Notifications.Listener() {
 *     public void notified(String payload) { ... }
 *     public void reconnected() { ... re-read: notifications may have been missed ... }
 * });
 * adapter.transaction(s -> { ...; n.notify(s, "changes", "k1"); return null; });
 * }</pre>
 */
public interface Notifications {

    /** The largest payload, in UTF-8 bytes (PostgreSQL's limit is 8000). */
    int MAX_PAYLOAD_BYTES = 7900;

    /**
     * Listens on a channel. Listeners are called on one thread of the adapter's, in the order the
     * notifications arrive; that thread does nothing but drain the connection and call them, so a
     * listener must be quick (hand work off).
     *
     * @param channel a name of letters, digits and underscores
     * @param listener called for every notification on the channel
     * @return closing it stops listening
     */
    AutoCloseable listen(String channel, Listener listener);

    /**
     * Sends a notification when the session's transaction commits.
     *
     * @param session a session in a transaction
     * @param channel the channel
     * @param payload at most {@link #MAX_PAYLOAD_BYTES} UTF-8 bytes
     * @throws SQLException on a database failure
     */
    void notify(SqlSession session, String channel, String payload) throws SQLException;

    /** Receives the notifications of one channel. */
    interface Listener {

        /**
         * @param payload a notification's payload
         */
        void notified(String payload);

        /**
         * The listening connection was lost and is back: notifications sent meanwhile are lost, so
         * whatever they would have told must be read again.
         */
        void reconnected();
    }
}
