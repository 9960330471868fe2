package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.database.Notifications;
import io.keyval.database.SqlSession;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN}/{@code NOTIFY} on a dedicated connection, drained by one thread that does nothing
 * else: a listener that stops reading would let the server's notification queue fill up, after
 * which every {@code NOTIFY}, and so every commit that sends one, fails. The thread also owns the
 * connection (PgJDBC connections are not thread-safe), so new channels are queued for it. When the
 * connection is lost it reconnects, with backoff, listens again and tells every listener to re-read.
 */
final class PostgresNotifications implements Notifications, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_]{1,40}");
    private static final int POLL_MILLIS = 250;

    private final Supplier<Connection> connect;
    private final String scope;
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final Queue<String> toListen = new ConcurrentLinkedQueue<>();
    /** Counted down once the channel is listened to, so that {@link #listen} returns only then. */
    private final Map<String, CountDownLatch> listened = new ConcurrentHashMap<>();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param connect opens a dedicated connection
     * @param schema the adapter's schema, which scopes the channels ({@code null}: the default one)
     */
    PostgresNotifications(Supplier<Connection> connect, String schema) {
        this.connect = connect;
        this.scope = schema == null ? "public" : schema;
    }

    @Override
    public AutoCloseable listen(String channel, Listener listener) {
        String scoped = scoped(channel);
        listeners.computeIfAbsent(scoped, c -> {
            listened.put(c, new CountDownLatch(1));
            toListen.add(c);
            return new CopyOnWriteArrayList<>();
        }).add(listener);
        startThread();
        try {
            // Whatever is committed after this returns is heard; if the server cannot be reached
            // now, the listener is told to re-read once it can.
            if (!listened.get(scoped).await(5, TimeUnit.SECONDS)) {
                LOG.warn("Not listening for notifications yet (the database is not answering); will catch up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> {
            List<Listener> list = listeners.get(scoped);
            if (list != null) {
                list.remove(listener);
            }
        };
    }

    @Override
    public void notify(SqlSession session, String channel, String payload) throws SQLException {
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new DatabaseException("Notification payload over " + MAX_PAYLOAD_BYTES + " bytes");
        }
        // With the commit (in its round trip), as PostgreSQL delivers it anyway only then.
        session.executeAtCommit("SELECT pg_notify(?, ?)", scoped(channel), payload);
    }

    /**
     * A channel name of this schema: NOTIFY channels are database-wide. The schema's name is hashed
     * to fit PostgreSQL's 63-byte identifiers, so two schemas could in principle share a channel; a
     * listener then only hears more than it needs (the watch re-reads what it is told changed).
     */
    private String scoped(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new DatabaseException("Invalid notification channel: " + channel);
        }
        return "kv_" + Integer.toHexString(scope.hashCode()) + "_" + scope.length() + "_" + channel.toLowerCase();
    }

    private void startThread() {
        synchronized (startLock) {
            if (thread == null && !closed) {
                thread = new Thread(this::run, "pg-notifications");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private void run() {
        long backoff = 100;
        boolean first = true;
        while (!closed) {
            try (Connection c = connect.get()) {
                // Channels still queued are listened to again below: harmless, and none is lost.
                try (Statement st = c.createStatement()) {
                    for (String channel : listeners.keySet()) {
                        st.execute("LISTEN " + channel); // validated: letters, digits, underscores
                        listened.get(channel).countDown();
                    }
                }
                if (!first) {
                    LOG.info("Listening for notifications again");
                    listeners.values().forEach(list -> list.forEach(Listener::reconnected));
                }
                first = false;
                backoff = 100;
                drain(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Notification connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                first = false;
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void drain(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
            String channel;
            while ((channel = toListen.poll()) != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + channel);
                }
                listened.get(channel).countDown();
            }
            PGNotification[] received = pg.getNotifications(POLL_MILLIS);
            if (received == null) {
                continue;
            }
            for (PGNotification n : received) {
                List<Listener> list = listeners.get(n.getName());
                if (list == null) {
                    continue;
                }
                for (Listener l : list) {
                    try {
                        l.notified(n.getParameter());
                    } catch (RuntimeException e) {
                        LOG.warn("Notification listener failed", e);
                    }
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
