package io.keyval.kv.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Sends response bytes from the I/O thread, closing the connection when the client does not take
 * them in time: a client that sends a request and never reads the answer must not hold its request
 * slot, and the answer's memory, forever. The time allowed grows with the size, so a slow reader
 * still gets a large answer: {@value #MIN_MILLIS} ms, or one second per {@value #MIN_BYTES_PER_SECOND}
 * bytes if that is longer.
 */
final class TimedSend implements IoCallback {

    static final long MIN_MILLIS = 60_000;
    static final long MIN_BYTES_PER_SECOND = 16 * 1024;

    private final IoCallback then;
    private XnioExecutor.Key timer;
    private boolean done;

    private TimedSend(IoCallback then) {
        this.then = then;
    }

    /**
     * Sends on the calling thread, which must be the exchange's I/O thread.
     *
     * @param exchange the exchange
     * @param bytes what to send
     * @param then what to do once it is sent (or the sending failed)
     */
    static void send(HttpServerExchange exchange, ByteBuffer bytes, IoCallback then) {
        TimedSend send = new TimedSend(then);
        long allowed = Math.max(MIN_MILLIS, bytes.remaining() * 1000L / MIN_BYTES_PER_SECOND);
        if (then == IoCallback.END_EXCHANGE && !exchange.isResponseStarted()) {
            // The whole answer: a Content-Length, as Undertow sets for its own END_EXCHANGE sends.
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.remaining());
        }
        exchange.getResponseSender().send(bytes, send);
        if (!send.done) {
            // Not written at once: the client is slow to read (or never will).
            send.timer = exchange.getIoThread().executeAfter(() -> {
                if (!send.done) {
                    IoUtils.safeClose(exchange.getConnection());
                }
            }, allowed, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onComplete(HttpServerExchange exchange, Sender sender) {
        finished();
        then.onComplete(exchange, sender);
    }

    @Override
    public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
        finished();
        then.onException(exchange, sender, exception);
    }

    private void finished() {
        done = true;
        if (timer != null) {
            timer.remove();
        }
    }
}
