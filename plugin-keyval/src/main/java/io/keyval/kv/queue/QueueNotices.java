package io.keyval.kv.queue;

import io.keyval.database.Notifications;
import io.keyval.database.SqlSession;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's signals to the other hosts sharing the database (PostgreSQL), sent inside the
 * transaction that causes them, so that they arrive only if it commits: messages ready now
 * ({@code r <n>}), one ready later ({@code d <ms>}), a delivered message acked or nacked on a host
 * other than the one whose stream holds it ({@code f <id>}). Each host turns them into local
 * {@link Wakeups}; a host ignores its own. Without notifications (SQLite: one process) it does nothing.
 */
final class QueueNotices implements AutoCloseable {

    static final String CHANNEL = "queue";
    private static final Logger LOG = LoggerFactory.getLogger(QueueNotices.class);

    private final Optional<Notifications> notifications;
    private final String host = UUID.randomUUID().toString().substring(0, 8);
    private final AutoCloseable listening;

    /**
     * @param notifications the adapter's notifications, if it has them
     * @param wakeups this host's consumers
     * @param freed told of an id acked or nacked on another host
     */
    QueueNotices(Optional<Notifications> notifications, Wakeups wakeups, Consumer<String> freed) {
        this.notifications = notifications;
        this.listening = notifications.map(n -> n.listen(CHANNEL, new Notifications.Listener() {
            @Override
            public void notified(String payload) {
                String[] parts = payload.split(" ", 3);
                if (parts.length != 3 || parts[0].equals(host)) {
                    return;
                }
                try {
                    switch (parts[1]) {
                        case "r" -> wakeups.ready(Integer.parseInt(parts[2]));
                        case "d" -> wakeups.dueIn(Long.parseLong(parts[2]));
                        case "f" -> freed.accept(parts[2]);
                        default -> LOG.debug("Unknown queue notice {}", payload);
                    }
                } catch (NumberFormatException e) {
                    LOG.debug("Malformed queue notice {}", payload);
                }
            }

            @Override
            public void reconnected() {
                wakeups.baton(); // notices may have been missed: look
            }
        })).orElse(null);
    }

    /** @return whether other hosts may be listening */
    boolean acrossHosts() {
        return notifications.isPresent();
    }

    void ready(SqlSession s, int n) throws SQLException {
        send(s, "r " + n);
    }

    void dueIn(SqlSession s, long millis) throws SQLException {
        send(s, millis == 0 ? "r 1" : "d " + millis);
    }

    void freed(SqlSession s, String id) throws SQLException {
        send(s, "f " + id);
    }

    private void send(SqlSession s, String notice) throws SQLException {
        if (notifications.isPresent()) {
            notifications.get().notify(s, CHANNEL, host + " " + notice);
        }
    }

    @Override
    public void close() {
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                LOG.debug("Stopping queue notices failed: {}", e.toString());
            }
        }
    }
}
