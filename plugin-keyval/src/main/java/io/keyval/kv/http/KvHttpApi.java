package io.keyval.kv.http;

import io.keyval.kv.store.KvStore;
import io.undertow.server.HttpHandler;

/**
 * The HTTP API of docs/http-api.md, mounted at {@code {base}/api}.
 *
 * <p>Each resource group registers its routes on one {@link Router}; a new capability is one more
 * {@code new XxxRoutes(store).registerOn(router);} line in the constructor. Errors are mapped in one
 * place, {@link ErrorResponses}.
 */
public final class KvHttpApi {

    private final HttpHandler handler;

    /**
     * @param store the store
     * @param maxBodyBytes request body cap (413 beyond)
     */
    public KvHttpApi(KvStore store, long maxBodyBytes) {
        Router router = new Router();
        new KeysRoutes(store).registerOn(router);
        new AtomicRoutes(store).registerOn(router);
        this.handler = new ApiHandler(router, maxBodyBytes);
    }

    /** @return the handler for every request below {@code {base}/api} */
    public HttpHandler handler() {
        return handler;
    }
}
