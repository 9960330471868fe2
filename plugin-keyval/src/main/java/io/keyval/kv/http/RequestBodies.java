package io.keyval.kv.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads a whole request body without blocking, before its route runs, capped at the configured
 * size: a body over the cap is refused with 413 from its Content-Length before anything is read (and
 * before an {@code Expect: 100-continue} is accepted), or while reading a chunked body. Undertow then
 * discards the rest of the body, so that the client can finish sending and read the answer; a client
 * that holds its body back for a 100 Continue is answered and the connection closed instead.
 *
 * <p>The body is copied from the connection's buffers in bulk into an array that grows as the bytes
 * arrive, up to the Content-Length (Undertow's own {@code receiveFullBytes} copies byte by byte into
 * a synchronised stream, which cost more than everything else a large PUT does).
 */
final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);
    /** The body of a request without one. */
    static final byte[] NONE = new byte[0];
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private RequestBodies() {
    }

    /**
     * @param exchange the exchange, not yet dispatched
     * @param maxBytes the cap
     * @param then receives the body (empty when there is none); not called when the request was
     *     already answered with an error or the client went away
     */
    static void receive(HttpServerExchange exchange, long maxBytes, Consumer<byte[]> then) {
        if (exchange.isRequestComplete()) {
            then.accept(NONE);
            return;
        }
        boolean expectsContinue = HttpContinue.requiresContinueResponse(exchange);
        if (exchange.getRequestContentLength() > maxBytes) {
            if (expectsContinue) {
                exchange.setPersistent(false); // its body will not come: nothing after it to parse
            }
            refuse(exchange, maxBytes);
            return;
        }
        if (!expectsContinue) {
            new Reader(exchange, maxBytes, then).start();
            return;
        }
        // Undertow leaves "Expect: 100-continue" to the application; without the interim response
        // clients such as curl stall before sending larger bodies.
        HttpContinue.sendContinueResponse(exchange, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                new Reader(ex, maxBytes, then).start();
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                clientGone(ex, e);
            }
        });
    }

    /** Reads the body on the I/O thread, now and whenever more of it arrives. */
    private static final class Reader {
        private final HttpServerExchange exchange;
        private final long maxBytes;
        private final Consumer<byte[]> then;
        private byte[] body;
        private int size;
        // Outside the handler's own call (in the read listener) the outcome must run as a root handler.
        private boolean inListener;

        Reader(HttpServerExchange exchange, long maxBytes, Consumer<byte[]> then) {
            this.exchange = exchange;
            this.maxBytes = maxBytes;
            this.then = then;
            // Grown as the bytes arrive: a request head alone must not make the server allocate the
            // size it announces.
            long length = exchange.getRequestContentLength();
            this.body = new byte[(int) Math.min(length >= 0 ? length : Long.MAX_VALUE, INITIAL_CAPACITY)];
        }

        void start() {
            StreamSourceChannel channel = exchange.getRequestChannel();
            if (channel == null) {
                then.accept(NONE); // already consumed: nothing to read
                return;
            }
            if (readAvailable(channel)) {
                inListener = true;
                channel.getReadSetter().set(ch -> {
                    if (!readAvailable(ch)) {
                        ch.suspendReads();
                    }
                });
                channel.resumeReads();
            }
        }

        /** @return whether the body is incomplete and reading must go on when more arrives */
        private boolean readAvailable(StreamSourceChannel channel) {
            try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
                ByteBuffer buffer = pooled.getBuffer();
                while (true) {
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n == 0) {
                        return true;
                    }
                    if (n < 0) {
                        byte[] complete = size == body.length ? body : Arrays.copyOf(body, size);
                        finish(ex -> then.accept(complete));
                        return false;
                    }
                    if (size + (long) n > maxBytes) {
                        finish(ex -> refuse(ex, maxBytes));
                        return false;
                    }
                    buffer.flip();
                    ensureCapacity(size + n);
                    buffer.get(body, size, n);
                    size += n;
                }
            } catch (IOException e) {
                finish(ex -> clientGone(ex, e));
                return false;
            }
        }

        private void finish(HttpHandler outcome) {
            if (inListener) {
                Connectors.executeRootHandler(outcome, exchange);
            } else {
                try {
                    outcome.handleRequest(exchange);
                } catch (Exception e) {
                    ErrorResponses.send(exchange, e);
                }
            }
        }

        private void ensureCapacity(int needed) {
            if (needed > body.length) {
                long announced = exchange.getRequestContentLength();
                long cap = Math.min(Integer.MAX_VALUE - 8, announced >= 0 ? announced : maxBytes);
                body = Arrays.copyOf(body, (int) Math.min(cap, Math.max(needed, 2L * body.length)));
            }
        }
    }

    private static void refuse(HttpServerExchange exchange, long maxBytes) {
        ErrorResponses.send(exchange, new HttpError(413, "Request body too large (max " + maxBytes + " bytes)"));
    }

    /**
     * The body could not be read: the client went away, or sent a body that breaks HTTP's framing
     * (a malformed chunk). Answered 400 when the connection can still carry an answer, else closed.
     */
    private static void clientGone(HttpServerExchange exchange, IOException e) {
        LOG.debug("Reading the request body failed: {}", e.toString());
        exchange.setPersistent(false);
        if (!exchange.isResponseStarted()) {
            ErrorResponses.send(exchange, new HttpError(400, "Request body could not be read: " + e.getMessage()));
        } else {
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
