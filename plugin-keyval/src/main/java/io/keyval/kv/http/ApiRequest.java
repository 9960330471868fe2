package io.keyval.kv.http;

import io.keyval.kv.KvValidationException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request as a route handler sees it: the raw path remainder matched by a {@code *} route, the query
 * parameters and the body (read at most once, capped at the configured size).
 */
public final class ApiRequest {

    private final HttpServerExchange exchange;
    private final String pathRest;
    private final long maxBodyBytes;
    private QueryParams query;

    ApiRequest(HttpServerExchange exchange, String pathRest, long maxBodyBytes) {
        this.exchange = exchange;
        this.pathRest = pathRest;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** @return the underlying exchange (for responses) */
    public HttpServerExchange exchange() {
        return exchange;
    }

    /**
     * @return for a route ending in {@code *}: the rest of the path after the route's fixed part, still
     *     percent-encoded; otherwise the empty string
     */
    public String pathRest() {
        return pathRest;
    }

    /**
     * @param name a query parameter
     * @return its first value after form decoding, or {@code null} when absent
     */
    public String query(String name) {
        return queryParams().first(name);
    }

    /**
     * @param name a query parameter that may be repeated
     * @return every value after form decoding, in order
     */
    public List<String> queryAll(String name) {
        return queryParams().all(name);
    }

    private QueryParams queryParams() {
        if (query == null) {
            query = QueryParams.parse(exchange.getQueryString());
        }
        return query;
    }

    /**
     * Reads the whole body as UTF-8 text.
     *
     * @return the body; empty when there is none
     * @throws HttpError 413 when the body exceeds the cap (checked against Content-Length before
     *     reading, and before accepting an {@code Expect: 100-continue}; while reading for chunked bodies)
     * @throws KvValidationException when the body is not valid UTF-8
     * @throws IOException when the connection fails
     */
    public String bodyText() throws IOException {
        long declared = exchange.getRequestContentLength();
        boolean expectsContinue = HttpContinue.requiresContinueResponse(exchange);
        if (declared > maxBodyBytes) {
            if (expectsContinue) {
                // The client holds the body back; close afterwards instead of waiting to drain it.
                exchange.setPersistent(false);
            }
            throw tooLarge();
        }
        if (expectsContinue) {
            // Undertow leaves "Expect: 100-continue" to the application; without the interim response
            // clients such as curl stall before sending larger bodies.
            HttpContinue.sendContinueResponseBlocking(exchange);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[16 * 1024];
        InputStream in = exchange.getInputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (bytes.size() + (long) n > maxBodyBytes) {
                throw tooLarge();
            }
            bytes.write(buffer, 0, n);
        }
        try {
            // A strict decoder: malformed input must not be stored as replacement characters.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new KvValidationException("Request body must be UTF-8 encoded JSON");
        }
    }

    /**
     * @return the body as a JSON object ({@link JsonBody#EMPTY} when the body is empty or blank)
     * @throws KvValidationException {@code Invalid JSON body} or when not an object
     * @throws IOException when the connection fails
     */
    public JsonBody jsonObjectBody() throws IOException {
        return JsonBody.parse(bodyText());
    }

    private HttpError tooLarge() {
        return new HttpError(413, "Request body too large (max " + maxBodyBytes + " bytes)");
    }
}
