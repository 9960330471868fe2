package io.keyval.kv.http;

import io.keyval.kv.KvIndexNotFoundException;
import io.keyval.kv.KvStorageFullException;
import io.keyval.kv.KvUnavailableException;
import io.keyval.kv.KvValidationException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses (docs/http-api.md §1.3): {@link HttpError} keeps its
 * status, {@link KvValidationException} is a 400 with its message, {@link KvStorageFullException} a
 * 507 and {@link KvUnavailableException} a 503 (both with their message), anything else is a 500
 * {@code Internal server error} whose details go to the log only.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /**
     * Answers the request with the error response for {@code failure}.
     *
     * @param exchange the exchange
     * @param failure what the route handler threw
     */
    static void send(HttpServerExchange exchange, Exception failure) {
        int status;
        String message;
        if (failure instanceof HttpError e) {
            status = e.status();
            message = e.getMessage();
        } else if (failure instanceof KvIndexNotFoundException e) {
            status = 404;
            message = e.getMessage();
        } else if (failure instanceof KvValidationException e) {
            status = 400;
            message = e.getMessage();
        } else if (failure instanceof KvUnavailableException e) {
            status = e instanceof KvStorageFullException ? 507 : 503;
            message = e.getMessage();
            LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), message);
        } else {
            status = 500;
            message = "Internal server error";
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), failure);
        }
        if (exchange.isResponseStarted()) {
            // Too late for a status line: the client sees a truncated response.
            LOG.debug("Cannot send {} after the response started: {}", status, message);
            exchange.endExchange();
            return;
        }
        try {
            JsonResponses.send(exchange, status, out -> {
                out.writeStartObject();
                out.writeStringField("error", message);
                out.writeEndObject();
            });
        } catch (IOException e) {
            LOG.debug("Client went away before the error response: {}", e.toString());
        }
    }
}
