package io.keyval.host;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who may call the plugins' routes, checked before any plugin sees a request:
 * <ul>
 *   <li><b>Host</b>: bound to loopback (or with {@code server.allowedHosts} set), a request whose
 *       {@code Host} is not a loopback name, the bind address or an allowed host is refused with 403,
 *       so that a web page on another site cannot reach the server through DNS rebinding;</li>
 *   <li><b>Bearer token</b>: with {@code server.authToken} set, plugin routes need
 *       {@code Authorization: Bearer <token>} (401 otherwise; compared in constant time);</li>
 *   <li><b>Origin</b>: a state-changing request (any method but GET and HEAD) that carries an
 *       {@code Origin} other than the server's own or one of {@code server.allowedOrigins} is refused
 *       with 403, so that another site's page cannot write through the user's browser (a request
 *       without {@code Origin}, such as curl's, is not a cross-site request);</li>
 *   <li><b>CORS</b>: a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an
 *       allowed origin is answered 204 with the CORS headers, from any other origin 403; responses to
 *       allowed origins carry {@code Access-Control-Allow-Origin}.</li>
 * </ul>
 * {@code GET /health} needs no token (load balancers probe it), nor do GET and HEAD requests of routes
 * a plugin mounted as public (a web UI's static files, which hold no data); the Host check applies to
 * them too.
 */
final class RequestGuard implements HttpHandler {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final HttpString ACCESS_CONTROL_REQUEST_METHOD = HttpString.tryFromString("Access-Control-Request-Method");
    private static final HttpString ALLOW_ORIGIN = HttpString.tryFromString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = HttpString.tryFromString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = HttpString.tryFromString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = HttpString.tryFromString("Access-Control-Max-Age");
    private static final HttpString EXPOSE_HEADERS = HttpString.tryFromString("Access-Control-Expose-Headers");

    private final HttpHandler next;
    private final byte[] token;
    private final Predicate<String> tokenFree;
    private final Set<String> allowedOrigins;
    /** Lower-case host names (without port) accepted in {@code Host}; null when not checked. */
    private final Set<String> allowedHosts;

    /**
     * @param next the handler of checked requests
     * @param settings the server's settings
     * @param tokenFree the request paths that need no token besides {@code /health} (static UI content)
     */
    RequestGuard(HttpHandler next, ServerSettings settings, Predicate<String> tokenFree) {
        this.next = next;
        this.tokenFree = tokenFree;
        this.token = settings.authToken().isEmpty() ? null : sha256(settings.authToken());
        this.allowedOrigins = Set.copyOf(lowerCase(settings.allowedOrigins()));
        this.allowedHosts = checksHosts(settings) ? hosts(settings) : null;
    }

    private static boolean checksHosts(ServerSettings settings) {
        if (!settings.allowedHosts().isEmpty()) {
            return true;
        }
        try {
            return InetAddress.getByName(settings.bindHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Set<String> hosts(ServerSettings settings) {
        Set<String> hosts = new HashSet<>(LOOPBACK_NAMES);
        hosts.add(settings.bindHost().toLowerCase(Locale.ROOT));
        hosts.addAll(lowerCase(settings.allowedHosts()));
        return hosts;
    }

    private static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap headers = exchange.getRequestHeaders();
        String host = headers.getFirst(Headers.HOST);
        if (allowedHosts != null && (host == null || !allowedHosts.contains(hostName(host)))) {
            JsonText.send(exchange, 403, "Host '" + JsonText.abbreviate(String.valueOf(host)) + "' is not allowed;"
                    + " add it to server.allowedHosts (KEYVAL_ALLOWED_HOSTS) to serve it");
            return;
        }
        String origin = headers.getFirst(Headers.ORIGIN);
        // Listed origins get CORS; the server's own origin needs none, but may write.
        boolean listed = origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
        if (exchange.getRequestMethod().equals(Methods.OPTIONS) && origin != null
                && headers.contains(ACCESS_CONTROL_REQUEST_METHOD)) {
            preflight(exchange, origin, listed);
            return;
        }
        if (origin != null && !listed && !isOwnOrigin(origin, host, exchange) && isStateChanging(exchange)) {
            JsonText.send(exchange, 403, "Cross-origin request from '" + JsonText.abbreviate(origin) + "' refused;"
                    + " list the origin in server.allowedOrigins (KEYVAL_ALLOWED_ORIGINS) to allow it");
            return;
        }
        if (token != null && !exchange.getRequestPath().equals("/health") && !isTokenFreeRead(exchange) && !hasToken(headers)) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            corsHeaders(exchange, origin, listed);
            JsonText.send(exchange, 401, "Missing or invalid bearer token: send 'Authorization: Bearer <token>'"
                    + " with the token configured in server.authToken (KEYVAL_AUTH_TOKEN)");
            return;
        }
        corsHeaders(exchange, origin, listed);
        next.handleRequest(exchange);
    }

    /** A GET or HEAD of a route mounted as public (a UI's files): only reads are ever token-free. */
    private boolean isTokenFreeRead(HttpServerExchange exchange) {
        return !isStateChanging(exchange) && tokenFree.test(exchange.getRequestPath());
    }

    private static boolean isStateChanging(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        return !method.equals(Methods.GET) && !method.equals(Methods.HEAD);
    }

    /** The server's own origin: the scheme and {@code Host} of this request. */
    private static boolean isOwnOrigin(String origin, String host, HttpServerExchange exchange) {
        return host != null && origin.equalsIgnoreCase(exchange.getRequestScheme() + "://" + host);
    }

    private static void preflight(HttpServerExchange exchange, String origin, boolean listed) {
        if (!listed) {
            JsonText.send(exchange, 403, "Cross-origin requests from '" + JsonText.abbreviate(origin) + "' are not allowed;"
                    + " list the origin in server.allowedOrigins (KEYVAL_ALLOWED_ORIGINS)");
            return;
        }
        HeaderMap response = exchange.getResponseHeaders();
        response.put(ALLOW_ORIGIN, origin);
        response.put(Headers.VARY, "Origin");
        response.put(ALLOW_METHODS, "GET, POST, PUT, DELETE");
        response.put(ALLOW_HEADERS, "Authorization, Content-Type, Last-Event-ID");
        response.put(MAX_AGE, "600");
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static void corsHeaders(HttpServerExchange exchange, String origin, boolean listed) {
        if (listed) {
            exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin);
            exchange.getResponseHeaders().put(Headers.VARY, "Origin");
            exchange.getResponseHeaders().put(EXPOSE_HEADERS, "Retry-After");
        }
    }

    private boolean hasToken(HeaderMap headers) {
        String authorization = headers.getFirst(Headers.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Digests of equal length, compared in constant time: neither the token nor its length leaks.
        return MessageDigest.isEqual(sha256(authorization.substring(7).trim()), token);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** {@code Host} without its port: {@code example.com:8000} → {@code example.com}, {@code [::1]:80} → {@code [::1]}. */
    private static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon && h.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            h = h.substring(0, colon);
        }
        return h;
    }
}
