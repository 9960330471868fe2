package io.keyval.kv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.Kv;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * For tests: the plugin's services as the plugin composes them ({@link KeyValRuntime}), with their HTTP API
 * served on a real socket under {@code /keyval/api}, the way the host mounts it.
 */
public final class RuntimeServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyValRuntime runtime;
    private final Undertow undertow;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public RuntimeServer(DatabaseAdapter adapter, KeyValSettings settings, Clock clock) {
        runtime = KeyValRuntime.start(adapter, settings, clock);
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/keyval/api", runtime.httpApi()))
                .build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        base = "http://127.0.0.1:" + port + "/keyval/api";
    }

    public Kv kv() {
        return runtime.kv();
    }

    /**
     * @param method the method
     * @param path below {@code /keyval/api}, raw
     * @param body a body or {@code null}
     * @param accept an Accept header or {@code null}
     * @return the response
     */
    public HttpResponse<String> send(String method, String path, String body, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, null);
    }

    public JsonNode metricsJson() throws IOException, InterruptedException {
        return JSON.readTree(send("GET", "/metrics", null).body());
    }

    /**
     * Opens a streaming GET (an SSE watch): the response's lines arrive as the server writes them.
     *
     * @param path below {@code /keyval/api}, raw
     * @param lastEventId a {@code Last-Event-ID} header, or {@code null}
     * @return the response, its body a stream of lines
     */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    }

    @Override
    public void close() {
        undertow.stop();
        runtime.close();
    }
}
