package io.keyval.host;

import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the handler mounted at the longest prefix of a request path. A prefix matches whole path
 * segments only: {@code /kv} serves {@code /kv} and {@code /kv/x} but not {@code /kvx}.
 */
final class PrefixRouter {

    /** A handler, the prefix it is mounted at, and whether it is served without the bearer token. */
    record Mount(String prefix, HttpHandler handler, boolean tokenFree) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    // replaced as a whole on each mount so that request threads never see a half-updated list
    private volatile List<Mount> mounts = List.of();

    synchronized void mount(String prefix, HttpHandler handler, boolean tokenFree) {
        for (Mount m : mounts) {
            if (m.prefix().equals(prefix)) {
                throw new IllegalArgumentException("Path '" + prefix + "' is already mounted");
            }
        }
        List<Mount> next = new ArrayList<>(mounts);
        next.add(new Mount(prefix, handler, tokenFree));
        next.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        mounts = List.copyOf(next);
    }

    /** @return the mount serving {@code path}, or null */
    Mount find(String path) {
        for (Mount m : mounts) {
            if (m.matches(path)) {
                return m;
            }
        }
        return null;
    }

    /** @return whether the mount serving {@code path} was mounted token-free (a longer, protected mount wins) */
    boolean isTokenFree(String path) {
        Mount m = find(path);
        return m != null && m.tokenFree();
    }
}
