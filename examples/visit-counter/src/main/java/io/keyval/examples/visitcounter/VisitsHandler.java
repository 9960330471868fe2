package io.keyval.examples.visitcounter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvUnavailableException;
import io.keyval.kv.KvValidationException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * {@code POST {base}/{name}} adds one visit and answers the new count, {@code GET {base}/{name}}
 * answers the current count (0 when nobody visited yet): {@code {"name":"ada","visits":2}}. The
 * counter of {@code name} is the KeyVal key {@code ["visits", name]}.
 */
final class VisitsHandler implements HttpHandler {

    static final int MAX_NAME_LENGTH = 100;

    // Jackson comes from plugin-keyval's class loader (this plugin bundles none), so these are the
    // same classes Kv works with.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger log;
    private volatile Kv kv;

    VisitsHandler(Kv kv, Logger log) {
        this.kv = kv;
        this.log = log;
    }

    /** Stops using {@link Kv}: later requests get 503. */
    void close() {
        kv = null;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // Mounted at {base}: the relative path is what follows it, "/ada" for /visits/ada, "" for
        // /visits itself. We serve exactly one segment below the base.
        String rest = exchange.getRelativePath();
        if (!rest.startsWith("/") || rest.indexOf('/', 1) >= 0) {
            error(exchange, 404, "Not found");
            return;
        }
        HttpString method = exchange.getRequestMethod();
        boolean increment = method.equals(Methods.POST);
        if (!increment && !method.equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
            error(exchange, 405, "Method not allowed; use GET or POST");
            return;
        }
        String name = nameFrom(exchange.getRequestURI());
        if (name == null) {
            error(exchange, 400, "name is not a valid URL path segment");
            return;
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            error(exchange, 400, "name must be 1 to " + MAX_NAME_LENGTH + " characters");
            return;
        }
        // Up to here nothing blocks, so it ran on the I/O thread, which serves many connections.
        // Kv calls wait for the database: continue on a worker thread.
        exchange.dispatch(() -> count(exchange, name, increment));
    }

    /**
     * The last segment of the raw request URI, percent-decoded exactly once: {@code Ada%20Lovelace}
     * is "Ada Lovelace", {@code C++} stays "C++". (Whether the relative path is already decoded
     * depends on the host's URL settings; the raw URI is the same everywhere.)
     *
     * @return the name, or null for a malformed escape
     */
    private static String nameFrom(String rawUri) {
        String segment = rawUri.substring(rawUri.lastIndexOf('/') + 1);
        try {
            // URLDecoder is for forms, where "+" means a space; in a path it is a plain "+"
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Runs on a worker thread. */
    private void count(HttpServerExchange exchange, String name, boolean increment) {
        Kv store = kv;
        if (store == null) {
            error(exchange, 503, "Shutting down");
            return;
        }
        Key key = Key.of("visits", name);
        try {
            if (increment) {
                // One atomic commit. sum adds to the stored number inside the store (an absent key
                // becomes 1), so concurrent visits never overwrite each other: no read-modify-write.
                store.atomic().sum(key, 1).commit();
            }
            // A commit reports its versionstamp, not the new value, so read the count back. With
            // concurrent visitors it may already include visits committed just after ours.
            Long visits = store.get(key, Long.class).value();
            send(exchange, 200, JSON.createObjectNode()
                    .put("name", name)
                    .put("visits", visits == null ? 0 : visits));
        } catch (KvValidationException e) {
            error(exchange, 400, e.getMessage()); // e.g. a name with an unpaired surrogate
        } catch (KvUnavailableException e) {
            error(exchange, 503, "KeyVal is unavailable; retry later"); // nothing was written
        } catch (RuntimeException e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            error(exchange, 500, "Internal server error");
        }
    }

    private static void error(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpServerExchange exchange, int status, JsonNode body) {
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + body, e);
        }
        Runnable respond = () -> {
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(bytes);
        };
        // Respond from the connection's I/O thread, as plugin-keyval does (see its ApiHandler): when a
        // worker completes the exchange itself, an I/O thread already holding the client's next
        // request busy-waits for that worker, which can starve it on machines with few cores.
        if (exchange.isInIoThread()) {
            respond.run();
        } else {
            exchange.getIoThread().execute(respond);
        }
    }
}
