package io.keyval.kv.http;

import io.keyval.kv.core.KvStore;
import io.undertow.server.HttpHandler;

/** The HTTP API of SPEC §2, mounted at {@code {base}/api}. */
public final class KvHttpApi {

    /**
     * @param store the store
     * @param maxBodyBytes request body cap (413 beyond)
     */
    public KvHttpApi(KvStore store, long maxBodyBytes) {
    }

    /** @return the handler for every request below {@code {base}/api} */
    public HttpHandler handler() {
        throw new UnsupportedOperationException("TODO");
    }
}
