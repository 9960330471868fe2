package io.keyval.host.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small blocking HTTP client for tests, relative to a base URL.
 *
 * <pre>{@code
 * HttpClientHelper http = new HttpClientHelper(host.baseUrl());
 * HttpClientHelper.Response r = http.post("/keyval/api/keys", Map.of("key", List.of("a"), "value", 1));
 * assertEquals(200, r.status());
 * assertEquals(1, r.json().get("value").asInt());
 * }</pre>
 */
public final class HttpClientHelper {

    /** The mapper used for request bodies and {@link Response#json()}. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param baseUrl e.g. {@code http://127.0.0.1:8000} */
    public HttpClientHelper(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * A response, fully read.
     *
     * @param status the HTTP status
     * @param body the body as text
     * @param headers the response headers
     */
    public record Response(int status, String body, HttpHeaders headers) {

        /** @return the body parsed as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Response is not JSON (status " + status + "): " + body, e);
            }
        }

        /** @param name a header name @return its first value, or null */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** @param path e.g. {@code /health} @return the response */
    public Response get(String path) {
        return send("GET", path, null);
    }

    /** @param path the path @return the response */
    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** @param path the path @param body a JSON text, or an object serialised with Jackson @return the response */
    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** @param path the path @param body a JSON text, or an object serialised with Jackson @return the response */
    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    /**
     * @param method the HTTP method
     * @param path the path (and query) relative to the base URL
     * @param body null, a JSON text, or an object serialised with Jackson
     * @return the response
     */
    public Response send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise request body " + body, e);
        }
    }
}
