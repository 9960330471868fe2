package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the host's HTTP server listens and protects itself: the {@code server} section of the manifest.
 *
 * @param bindHost the address to bind to
 * @param port the port; 0 picks a free one
 * @param authToken the bearer token every plugin route requires, or empty for none
 * @param allowedOrigins origins (besides the server's own) whose browsers may send state-changing
 *     requests and read responses (CORS)
 * @param allowedHosts {@code Host} header values accepted besides the loopback names (checked when
 *     bound to loopback, or whenever this list is set)
 * @param requestTimeoutMillis the longest a client may take to send a request's head, and its body
 * @param idleTimeoutMillis how long a keep-alive connection may wait for its next request
 * @param maxConnections open connections served; beyond, new connections get 503 and are closed
 * @param maxRequests requests in progress at once; beyond, new requests get 503 at once
 * @param shutdownTimeoutMillis the longest a shutdown waits for requests in progress
 */
public record ServerSettings(
        String bindHost,
        int port,
        String authToken,
        List<String> allowedOrigins,
        List<String> allowedHosts,
        long requestTimeoutMillis,
        long idleTimeoutMillis,
        int maxConnections,
        int maxRequests,
        long shutdownTimeoutMillis) {

    /** Copies the lists. */
    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /**
     * @param server the {@code server} section, defaults already merged in
     * @return the validated settings
     * @throws ManifestException naming the setting that is out of range
     */
    static ServerSettings from(PluginConfig server) {
        try {
            return new ServerSettings(
                    server.getString("host", "127.0.0.1"),
                    inRange("server.port", server.getInt("port", 8000), 0, 65_535),
                    server.getString("authToken", ""),
                    list(server, "allowedOrigins"),
                    list(server, "allowedHosts"),
                    inRange("server.requestTimeout", server.getLong("requestTimeout", 30_000), 1, Long.MAX_VALUE),
                    inRange("server.idleTimeout", server.getLong("idleTimeout", 60_000), 1, Long.MAX_VALUE),
                    inRange("server.maxConnections", server.getInt("maxConnections", 4096), 1, 1_000_000),
                    inRange("server.maxRequests", server.getInt("maxRequests", 1024), 1, 1_000_000),
                    inRange("server.shutdownTimeout", server.getLong("shutdownTimeout", 10_000), 0, Long.MAX_VALUE));
        } catch (PluginException e) {
            throw new ManifestException("Invalid manifest: " + e.getMessage(), e);
        }
    }

    /**
     * @param port the port to listen on instead (0 for any free one)
     * @return these settings with another port
     */
    public ServerSettings withPort(int port) {
        return new ServerSettings(bindHost, port, authToken, allowedOrigins, allowedHosts, requestTimeoutMillis,
                idleTimeoutMillis, maxConnections, maxRequests, shutdownTimeoutMillis);
    }

    /** A list setting: a YAML list, or a comma-separated text (as environment variables give it). */
    private static List<String> list(PluginConfig server, String name) {
        Object value = server.asMap().get(name);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> out.add(String.valueOf(item).trim()));
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                out.add(item.trim());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ManifestException(name + " must be between " + min + " and " + max + ", found: " + value);
        }
        return value;
    }

    private static int inRange(String name, int value, int min, int max) {
        return (int) inRange(name, (long) value, min, max);
    }
}
