package io.keyval.kv.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Receiver;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole request body without blocking, before its route runs, capped at the configured
 * size: a body over the cap is refused with 413 from its Content-Length before anything is read (and
 * before an {@code Expect: 100-continue} is accepted), or while reading a chunked body. Undertow then
 * discards the rest of the body, so that the client can finish sending and read the answer; a client
 * that holds its body back for a 100 Continue is answered and the connection closed instead.
 */
final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);
    /** The body of a request without one. */
    static final byte[] NONE = new byte[0];

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
            read(exchange, maxBytes, then);
            return;
        }
        // Undertow leaves "Expect: 100-continue" to the application; without the interim response
        // clients such as curl stall before sending larger bodies.
        HttpContinue.sendContinueResponse(exchange, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                read(ex, maxBytes, then);
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                clientGone(ex, e);
            }
        });
    }

    private static void read(HttpServerExchange exchange, long maxBytes, Consumer<byte[]> then) {
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize((int) Math.min(maxBytes, Integer.MAX_VALUE));
        receiver.receiveFullBytes((ex, body) -> then.accept(body), (ex, e) -> {
            if (e instanceof Receiver.RequestToLargeException) {
                refuse(ex, maxBytes);
            } else {
                clientGone(ex, e);
            }
        });
    }

    private static void refuse(HttpServerExchange exchange, long maxBytes) {
        ErrorResponses.send(exchange, new HttpError(413, "Request body too large (max " + maxBytes + " bytes)"));
    }

    private static void clientGone(HttpServerExchange exchange, IOException e) {
        LOG.debug("Reading the request body failed: {}", e.toString());
        exchange.setPersistent(false);
        exchange.endExchange();
    }
}
