package io.keyval.bench;

/**
 * Opens one client per benchmark thread (a connection for the raw baselines and HTTP, a shared
 * handle for the in-process store).
 *
 * @param <C> the client type
 */
@FunctionalInterface
public interface ClientFactory<C extends AutoCloseable> {

    /**
     * @return a client for one thread; the caller closes it
     * @throws Exception if it cannot be opened
     */
    C open() throws Exception;
}
