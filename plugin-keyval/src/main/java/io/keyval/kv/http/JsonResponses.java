package io.keyval.kv.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.keyval.kv.store.JsonValues;
import io.undertow.io.IoCallback;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code application/json} responses. The body is rendered into memory first, on the calling
 * thread, so that a failure while rendering still becomes a clean error response and the response
 * carries a Content-Length; it is then sent from the connection's I/O thread (see {@link ApiHandler}
 * for why a worker must not complete the exchange itself).
 */
public final class JsonResponses {

    private static final JsonFactory FACTORY = JsonValues.MAPPER.getFactory();

    private JsonResponses() {
    }

    /** Renders a JSON body. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the generator to write exactly one JSON value to
         * @throws IOException from the generator
         */
        void writeTo(JsonGenerator out) throws IOException;
    }

    /**
     * @param exchange the exchange
     * @param status the HTTP status
     * @param body the body renderer
     * @throws IOException if rendering fails
     */
    public static void send(HttpServerExchange exchange, int status, Body body) throws IOException {
        sendRendered(exchange, status, ByteBuffer.wrap(bytes(body)));
    }

    /**
     * @param body the body renderer
     * @return the JSON text, for an event stream's {@code data:} line (compact: one line)
     */
    static String render(Body body) {
        try {
            return new String(bytes(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Body body) throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator out = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            body.writeTo(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Sends a rendered JSON body from the connection's I/O thread.
     *
     * @param exchange the exchange
     * @param status the HTTP status
     * @param rendered the body
     */
    static void sendRendered(HttpServerExchange exchange, int status, ByteBuffer rendered) {
        sendRendered(exchange, status, "application/json", rendered);
    }

    /**
     * Sends a rendered body of any type from the connection's I/O thread.
     *
     * @param exchange the exchange
     * @param status the HTTP status
     * @param contentType the body's content type
     * @param rendered the body
     */
    static void sendRendered(HttpServerExchange exchange, int status, String contentType, ByteBuffer rendered) {
        Runnable send = () -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
            TimedSend.send(exchange, rendered, IoCallback.END_EXCHANGE);
        };
        if (exchange.isInIoThread()) {
            send.run();
        } else {
            exchange.getIoThread().execute(send);
        }
    }

    /**
     * A 200 response.
     *
     * @param exchange the exchange
     * @param body the body renderer
     * @throws IOException if rendering fails
     */
    public static void ok(HttpServerExchange exchange, Body body) throws IOException {
        send(exchange, 200, body);
    }
}
