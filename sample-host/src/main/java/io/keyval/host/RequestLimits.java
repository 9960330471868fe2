package io.keyval.host;

import io.keyval.host.api.RequestAttachments;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * The request limits the host enforces itself, each with a JSON error: the request target (414), the
 * header block (431), the number of query parameters (400), and the time a client may take to send
 * its body (408). Undertow's own parser limits are set far above these (see {@link HttpServer}), so
 * that what a client can reasonably send reaches this handler and gets an answer it can read.
 */
final class RequestLimits implements HttpHandler {

    /** Longest request target (path and query). */
    static final int MAX_URL_CHARS = 64 * 1024;
    /** Largest header block (names and values). */
    static final int MAX_HEADER_CHARS = 64 * 1024;
    /** Most header fields. */
    static final int MAX_HEADERS = 200;
    /** Most query parameters. */
    static final int MAX_QUERY_PARAMETERS = 1000;

    private final HttpHandler next;
    private final long bodyTimeoutMillis;

    RequestLimits(HttpHandler next, long bodyTimeoutMillis) {
        this.next = next;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryString();
        if (exchange.getRequestURI().length() + query.length() > MAX_URL_CHARS) {
            exchange.setPersistent(false);
            JsonText.send(exchange, 414, "Request URL too long (max " + MAX_URL_CHARS + " characters)");
            return;
        }
        String headerProblem = headerProblem(exchange);
        if (headerProblem != null) {
            exchange.setPersistent(false);
            JsonText.send(exchange, 431, headerProblem);
            return;
        }
        if (!utf8Url(exchange)) {
            JsonText.send(exchange, 400, "Request URL is not valid UTF-8; percent-encode its bytes");
            return;
        }
        if (countParameters(query) > MAX_QUERY_PARAMETERS) {
            JsonText.send(exchange, 400, "Too many query parameters (max " + MAX_QUERY_PARAMETERS + ")");
            return;
        }
        // Undertow refuses a Content-Length that is not a number itself, but lets an over-long one
        // overflow: beyond 18 digits it is no length any body can have.
        String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (length != null && length.length() > 18) {
            exchange.setPersistent(false);
            JsonText.send(exchange, 400, "Invalid Content-Length: " + JsonText.abbreviate(length));
            return;
        }
        if (!exchange.isRequestComplete()) {
            limitBodyTime(exchange);
        }
        next.handleRequest(exchange);
    }

    /**
     * Undertow, told not to decode URLs, keeps bytes beyond ASCII one per character (ISO-8859-1);
     * clients send them as UTF-8. Such a URL is decoded here, strictly.
     *
     * @return false when the URL's bytes are not UTF-8
     */
    private static boolean utf8Url(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        String path = exchange.getRequestPath();
        String query = exchange.getQueryString();
        if (isAscii(uri) && isAscii(query)) {
            return true;
        }
        try {
            exchange.setRequestURI(fromLatin1Bytes(uri), exchange.isHostIncludedInRequestURI());
            exchange.setRequestPath(fromLatin1Bytes(path));
            exchange.setRelativePath(fromLatin1Bytes(exchange.getRelativePath()));
            exchange.setQueryString(fromLatin1Bytes(query));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String fromLatin1Bytes(String text) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))).toString();
    }

    private static String headerProblem(HttpServerExchange exchange) {
        int fields = 0;
        long chars = 0;
        for (HeaderValues values : exchange.getRequestHeaders()) {
            fields += values.size();
            for (String value : values) {
                chars += values.getHeaderName().length() + value.length() + 4;
            }
        }
        if (fields > MAX_HEADERS) {
            return "Too many request headers (max " + MAX_HEADERS + ")";
        }
        return chars > MAX_HEADER_CHARS ? "Request headers too large (max " + MAX_HEADER_CHARS + " characters)" : null;
    }

    private static int countParameters(String query) {
        if (query.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '&') {
                n++;
            }
        }
        return n;
    }

    /**
     * A body still arriving when the time is up is answered 408 and its connection closed, unless its
     * handler streams it ({@link RequestAttachments#STREAMED_BODY}).
     */
    private void limitBodyTime(HttpServerExchange exchange) {
        XnioExecutor.Key timer = exchange.getIoThread().executeAfter(() -> {
            if (exchange.isRequestComplete() || exchange.isComplete()
                    || Boolean.TRUE.equals(exchange.getAttachment(RequestAttachments.STREAMED_BODY))) {
                return;
            }
            exchange.setPersistent(false);
            if (exchange.isResponseStarted() || exchange.isBlocking()) {
                // A handler that reads the body itself (blocking) may answer too: close instead.
                IoUtils.safeClose(exchange.getConnection());
            } else {
                JsonText.send(exchange, 408, "Request body not received within " + bodyTimeoutMillis + " ms");
            }
        }, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            timer.remove();
            nextListener.proceed();
        });
    }
}
