package io.keyval.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * Serves at most {@code max} open connections. A connection beyond is answered at once with a 503
 * and closed, without reading its request, so that a flood of connections costs a file descriptor
 * for a moment each and never starves the connections being served. (Far beyond, the listener stops
 * accepting: see {@link HttpServer}.)
 */
final class ConnectionLimit implements ChannelListener<StreamConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
    /** How long a refused connection stays open for the client to read the answer. */
    private static final long LINGER_MILLIS = 1000;

    private final ChannelListener<StreamConnection> next;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final byte[] refusal;

    ConnectionLimit(ChannelListener<StreamConnection> next, int max) {
        this.next = next;
        this.max = max;
        String body = JsonText.error("Too many connections (the server serves at most " + max
                + "); retry shortly");
        this.refusal = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                + "Connection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refuse(connection);
            return;
        }
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.getAndSet(false)) {
                open.decrementAndGet();
            }
        };
        try {
            next.handleEvent(connection);
        } finally {
            // Undertow has installed its close listener: count the close, then let it run. A close
            // that came first (or a failure) releases the slot here; either way exactly once.
            ChannelListener<? super StreamConnection> theirs = connection.getCloseListener();
            connection.setCloseListener(closed -> {
                release.run();
                ChannelListeners.invokeChannelListener(closed, theirs);
            });
            if (!connection.isOpen()) {
                release.run();
            }
        }
    }

    private void refuse(StreamConnection connection) {
        try {
            connection.getSinkChannel().write(ByteBuffer.wrap(refusal));
            connection.getSinkChannel().shutdownWrites();
            connection.getSinkChannel().flush();
        } catch (IOException e) {
            LOG.debug("Refusing a connection failed: {}", e.toString());
        }
        connection.getIoThread().executeAfter(() -> IoUtils.safeClose(connection), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }
}
