package io.keyval.kv.watch;

/**
 * The {@code watch.*} configuration (docs/configuration.md).
 *
 * @param enabled whether the watch endpoints are served (the Java API always works)
 * @param maxWatchers open SSE watch streams allowed at once on this host (503 beyond)
 * @param heartbeat the longest idle time of a stream before an {@code event: ping} (ms)
 * @param acrossHosts whether commits are announced to, and heard from, other hosts sharing the
 *     database (PostgreSQL); each write transaction then sends one notification
 */
public record WatchSettings(boolean enabled, int maxWatchers, long heartbeat, boolean acrossHosts) {
}
