package io.keyval.kv.http;

import io.keyval.kv.KvValidationException;
import io.undertow.server.HttpServerExchange;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One request as a route handler sees it: the raw path remainder matched by a {@code *} route, the query
 * parameters and the body (read before the route runs, see {@link RequestBodies}).
 */
public final class ApiRequest {

    private final HttpServerExchange exchange;
    private final String pathRest;
    private final byte[] body;
    private QueryParams query;

    ApiRequest(HttpServerExchange exchange, String pathRest, byte[] body) {
        this.exchange = exchange;
        this.pathRest = pathRest;
        this.body = body;
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
     * @return the body as it arrives, for a route that streams its body ({@link Router#addStreamingBody});
     *     read it on the worker thread the route runs on
     */
    public InputStream bodyStream() {
        if (body != null) {
            throw new IllegalStateException("The body was received whole: use body()");
        }
        return exchange.getInputStream();
    }

    /** @return the body's bytes; empty when there is none */
    public byte[] body() {
        return body;
    }

    /**
     * @return the body as UTF-8 text; empty when there is none
     * @throws KvValidationException when the body is not valid UTF-8
     */
    public String bodyText() {
        try {
            // A strict decoder: malformed input must not be stored as replacement characters.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new KvValidationException("Request body must be UTF-8 encoded JSON");
        }
    }

    /**
     * @return the body as a JSON object ({@link JsonBody#EMPTY} when the body is empty or blank)
     * @throws KvValidationException {@code Invalid JSON body} or when not an object
     */
    public JsonBody jsonObjectBody() {
        return JsonBody.parse(bodyText());
    }
}
