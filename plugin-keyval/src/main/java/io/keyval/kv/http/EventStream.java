package io.keyval.kv.http;

import io.keyval.host.api.LongLivedResponses;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * The streaming route kind: a Server-Sent Events response that stays open. It holds no thread: events
 * are written from the connection's I/O thread, one at a time, each as one chunk (LF line endings, the
 * data on one {@code data:} line), and a timer of that I/O thread sends {@code event: ping} when the
 * stream has been idle for the heartbeat. A client that stops reading is disconnected once an event
 * has waited longer than {@link TimedSend} allows; a closed connection runs the close action once.
 *
 * <pre>{@code
 * EventStream stream = EventStream.open(exchange, 30_000, () -> watch.close());
 * stream.send("change", "[...]", "0000000000000001000", () -> nextMayGo());
 * }</pre>
 */
public final class EventStream {

    private static final HttpString ACCEL_BUFFERING = HttpString.tryFromString("X-Accel-Buffering");
    private static final ByteBuffer PING = ByteBuffer.wrap("event: ping\ndata:\n\n".getBytes(StandardCharsets.UTF_8));

    private final HttpServerExchange exchange;
    private final long heartbeatMillis;
    private final Runnable onClose;
    // I/O thread only.
    private final Queue<Event> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    private long lastWrite = System.nanoTime();

    private EventStream(HttpServerExchange exchange, long heartbeatMillis, Runnable onClose) {
        this.exchange = exchange;
        this.heartbeatMillis = heartbeatMillis;
        this.onClose = onClose;
    }

    /**
     * Starts the response ({@code 200 text/event-stream}) from the I/O thread.
     *
     * @param exchange the exchange; it stays open until the stream closes
     * @param heartbeatMillis the longest idle time between two events
     * @param onClose run once when the stream ends, whoever ends it
     * @return the stream
     */
    static EventStream open(HttpServerExchange exchange, long heartbeatMillis, Runnable onClose) {
        EventStream stream = new EventStream(exchange, heartbeatMillis, onClose);
        exchange.getIoThread().execute(stream::start);
        return stream;
    }

    private void start() {
        LongLivedResponses.started(exchange); // not a request in progress for the host any more
        exchange.setStatusCode(200);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/event-stream")
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(ACCEL_BUFFERING, "no");
        exchange.getConnection().addCloseListener(connection -> ended());
        watchForClientClose();
        scheduleHeartbeat();
        if (queue.isEmpty()) {
            write(PING.duplicate(), written -> { }); // sends the headers now: the client knows it is connected
        } else {
            writeNext();
        }
    }

    /**
     * Queues an event; it is written after the ones before it.
     *
     * @param event the event name, e.g. {@code change}
     * @param data the data: one line of JSON
     * @param id the {@code id:} line's value, or {@code null} for none
     * @param done run once the event is written, or the stream has ended
     */
    public void send(String event, String data, String id, Runnable done) {
        send(event, data, id, written -> done.run());
    }

    /**
     * Queues an event; it is written after the ones before it.
     *
     * @param event the event name, e.g. {@code message}
     * @param data the data: one line of JSON
     * @param id the {@code id:} line's value, or {@code null} for none
     * @param outcome called once, on the I/O thread, with {@code true} when the event is written and
     *     {@code false} when the stream ended before
     */
    public void send(String event, String data, String id, Consumer<Boolean> outcome) {
        StringBuilder frame = new StringBuilder(data.length() + 64)
                .append("event: ").append(event).append("\ndata: ").append(data).append('\n');
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(frame.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        exchange.getIoThread().execute(() -> {
            if (closed) {
                outcome.accept(false);
                return;
            }
            queue.add(new Event(bytes, outcome));
            writeNext();
        });
    }

    /** Ends the stream (plugin shutdown): the response is completed and the close action runs. */
    public void close() {
        exchange.getIoThread().execute(() -> {
            if (!closed) {
                exchange.endExchange();
                ended();
            }
        });
    }

    private void writeNext() {
        if (writing || closed) {
            return;
        }
        Event next = queue.poll();
        if (next == null) {
            return;
        }
        write(next.bytes, next.done);
    }

    private void write(ByteBuffer bytes, Consumer<Boolean> done) {
        writing = true;
        lastWrite = System.nanoTime();
        TimedSend.send(exchange, bytes, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                writing = false;
                done.accept(true);
                writeNext();
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                writing = false;
                done.accept(false);
                ended();
            }
        });
    }

    /**
     * Reads the connection while the stream is open, so that a client that closes it is noticed at
     * once rather than at the next write (a queue stream's held messages are released then). The
     * request had no body: anything the client still sends is discarded. When the exchange ends,
     * Undertow sets its own read listener again (as it does to read the next request).
     */
    private void watchForClientClose() {
        if (!(exchange.getConnection() instanceof AbstractServerConnection http1)) {
            return; // HTTP/2: a stream the client resets is closed by Undertow itself
        }
        StreamSourceChannel in = http1.getChannel().getSourceChannel();
        in.getReadSetter().set(channel -> {
            ByteBuffer discard = ByteBuffer.allocate(256);
            try {
                int n;
                while ((n = channel.read(discard)) > 0) {
                    discard.clear();
                }
                if (n < 0) {
                    IoUtils.safeClose(exchange.getConnection());
                }
            } catch (IOException e) {
                IoUtils.safeClose(exchange.getConnection());
            }
        });
        in.resumeReads();
    }

    /** Checks again when the stream will have been idle for the heartbeat, if nothing is written before. */
    private void scheduleHeartbeat() {
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWrite);
        exchange.getIoThread().executeAfter(() -> {
            if (closed) {
                return;
            }
            long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWrite);
            if (!writing && queue.isEmpty() && idle >= heartbeatMillis) {
                write(PING.duplicate(), written -> { });
            }
            scheduleHeartbeat();
        }, Math.max(1, heartbeatMillis - idleMillis), TimeUnit.MILLISECONDS);
    }

    private void ended() {
        if (closed) {
            return;
        }
        closed = true;
        Event e;
        while ((e = queue.poll()) != null) {
            e.done.accept(false);
        }
        onClose.run();
    }

    private record Event(ByteBuffer bytes, Consumer<Boolean> done) {
    }
}
