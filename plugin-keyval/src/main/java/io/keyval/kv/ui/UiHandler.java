package io.keyval.kv.ui;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the admin UI below the plugin's base path ({@code /keyval}): the page shell at every page's
 * path (so that deep links and reloads work) and the static assets under {@code /assets/}, from the
 * plugin's resources {@code ui/}. Responses carry an {@code ETag} and must be revalidated
 * ({@code no-cache}), so a browser gets 304s until the plugin changes; a Content-Security-Policy allows
 * this origin only, so the UI makes no request elsewhere. The UI talks to the server only through the
 * public HTTP API under {@code /keyval/api}.
 */
public final class UiHandler implements HttpHandler {

    /** The pages, by path below the base: each serves the shell, whose script renders the page. */
    static final Set<String> PAGES = Set.of("", "/", "/entries", "/queue", "/search", "/watch", "/atomic", "/metrics");
    private static final Pattern ASSET = Pattern.compile("/assets/([a-z0-9-]{1,64}\\.(js|css|svg))");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "html", "text/html; charset=utf-8");
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'";

    /** A resource, read once. */
    private record Asset(byte[] bytes, String etag, String type) {
    }

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();
    private final String basePath;

    /** @param basePath the plugin's base path, e.g. {@code /keyval}, which the page shell links to */
    public UiHandler(String basePath) {
        this.basePath = basePath.equals("/") ? "" : basePath;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            send(exchange, 405, "Method not allowed");
            return;
        }
        String path = exchange.getRelativePath();
        Optional<Asset> asset;
        if (PAGES.contains(path)) {
            asset = asset("index.html");
        } else {
            var m = ASSET.matcher(path);
            asset = m.matches() ? asset("assets/" + m.group(1)) : Optional.empty();
        }
        if (asset.isEmpty()) {
            send(exchange, 404, "Not found");
            return;
        }
        Asset a = asset.get();
        exchange.getResponseHeaders().put(Headers.ETAG, a.etag)
                .put(Headers.CACHE_CONTROL, "no-cache")
                .put(Headers.CONTENT_SECURITY_POLICY, POLICY)
                .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
        if (a.etag.equals(ifNoneMatch)) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, a.type);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, a.bytes.length);
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(a.bytes));
    }

    private Optional<Asset> asset(String name) {
        return assets.computeIfAbsent(name, this::load);
    }

    private Optional<Asset> load(String name) {
        try (InputStream in = UiHandler.class.getClassLoader().getResourceAsStream("ui/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            if (name.endsWith(".html")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace("%BASE%", basePath).getBytes(StandardCharsets.UTF_8);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            return Optional.of(new Asset(bytes, etag, TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the UI resource " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error as the rest of the host answers one: {@code {"error": "..."}} (the texts here are constants). */
    private static void send(HttpServerExchange exchange, int status, String error) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"error\":\"" + error + "\"}", StandardCharsets.UTF_8);
    }
}
