package io.keyval.kv.http;

import io.undertow.server.HttpHandler;
import java.util.List;

/**
 * The HTTP API of docs/http-api.md, mounted at {@code {base}/api}.
 *
 * <p>Each resource group ({@link Routes}) registers its routes on one {@link Router}; a new capability
 * is one more group in the list the plugin composes. Errors are mapped in one place,
 * {@link ErrorResponses}.
 *
 * <pre>{@code
 * HttpHandler api = new KvHttpApi(List.of(new KeysRoutes(service), new AtomicRoutes(service)), maxBody).handler();
 * }</pre>
 */
public final class KvHttpApi {

    private final HttpHandler handler;

    /**
     * @param groups the resource groups served
     * @param maxBodyBytes request body cap (413 beyond)
     */
    public KvHttpApi(List<Routes> groups, long maxBodyBytes) {
        Router router = new Router();
        groups.forEach(g -> g.registerOn(router));
        this.handler = new ApiHandler(router, maxBodyBytes);
    }

    /** @return the handler for every request below {@code {base}/api} */
    public HttpHandler handler() {
        return handler;
    }
}
