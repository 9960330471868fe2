package io.keyval.kv.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.PiecedRead;
import io.keyval.kv.store.StoredEntry;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON array of entries read in pieces ({@link PiecedRead}). A result that fits one piece is sent
 * like any response, with a Content-Length. A larger one goes out chunked: a worker reads and renders
 * a piece, the I/O thread sends it, and only once it has been written is the next piece read. The
 * response never sits in memory whole, and a slow client holds memory for one piece but no database
 * connection and no worker thread.
 *
 * <p>A failure after the first piece has been sent can no longer become an error response: the
 * connection is closed, so that the client sees a truncated response rather than a complete-looking one.
 */
final class PiecedResponse {

    private static final Logger LOG = LoggerFactory.getLogger(PiecedResponse.class);
    private static final JsonFactory FACTORY = JsonValues.MAPPER.getFactory();

    private final HttpServerExchange exchange;
    private final PiecedRead read;
    private final ByteArrayBuilder bytes = new ByteArrayBuilder();
    private final JsonGenerator out;

    private PiecedResponse(HttpServerExchange exchange, PiecedRead read) throws IOException {
        this.exchange = exchange;
        this.read = read;
        this.out = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
    }

    /**
     * Sends {@code [entry, ...]}, reading the first piece on the calling (worker) thread.
     *
     * @param exchange the exchange
     * @param read the entries
     * @throws IOException if rendering the first piece fails (nothing has been sent then)
     */
    static void sendArray(HttpServerExchange exchange, PiecedRead read) throws IOException {
        PiecedResponse response = new PiecedResponse(exchange, read);
        response.out.writeStartArray();
        boolean last;
        try {
            last = response.renderNext();
        } catch (IOException | RuntimeException e) {
            read.abandon(); // no more pieces will be read
            throw e;
        }
        if (last) {
            JsonResponses.sendRendered(exchange, 200, response.takeBytes());
        } else {
            response.sendChunk(response.takeBytes(), false, true);
        }
    }

    /** Renders the next piece into {@link #bytes}; after the last one, closes the array. */
    private boolean renderNext() throws IOException {
        for (StoredEntry entry : read.next()) {
            EntryJson.write(entry, out);
        }
        boolean last = !read.hasNext();
        if (last) {
            out.writeEndArray();
            out.close();
        } else {
            out.flush();
        }
        return last;
    }

    private ByteBuffer takeBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        bytes.reset();
        return buffer;
    }

    private void sendChunk(ByteBuffer chunk, boolean last, boolean first) {
        exchange.getIoThread().execute(() -> {
            if (first) {
                exchange.setStatusCode(200);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            }
            TimedSend.send(exchange, chunk, last ? IoCallback.END_EXCHANGE : new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    ex.getConnection().getWorker().execute(PiecedResponse.this::sendNext);
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    LOG.debug("Client went away during a streamed response: {}", e.toString());
                    abort();
                }
            });
        });
    }

    /** On a worker: reads, renders and sends the next piece. */
    private void sendNext() {
        try {
            boolean last = renderNext();
            sendChunk(takeBytes(), last, false);
        } catch (Throwable e) {
            LOG.error("{} {} failed after its response started; closing the connection",
                    exchange.getRequestMethod(), exchange.getRequestURI(), e);
            abort();
        }
    }

    private void abort() {
        read.abandon();
        exchange.getIoThread().execute(() -> {
            exchange.setPersistent(false);
            try {
                exchange.getConnection().close();
            } catch (IOException e) {
                LOG.debug("Closing the connection failed: {}", e.toString());
            }
        });
    }
}
