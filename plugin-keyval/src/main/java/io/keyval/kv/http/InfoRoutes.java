package io.keyval.kv.http;

/**
 * {@code GET /info} (docs/http-api.md, Basics): what this store runs on and which optional parts are
 * switched on, so that a client such as the admin UI can adapt without probing.
 *
 * <pre>{@code
 * {"engine": "sqlite", "metrics": true, "watch": true}
 * }</pre>
 */
public final class InfoRoutes implements Routes {

    private final String engine;
    private final boolean metrics;
    private final boolean watch;

    /**
     * @param engine the storage engine's id ({@code sqlite}, {@code postgres})
     * @param metrics whether the metrics endpoints are served
     * @param watch whether the watch endpoints are served
     */
    public InfoRoutes(String engine, boolean metrics, boolean watch) {
        this.engine = engine;
        this.metrics = metrics;
        this.watch = watch;
    }

    @Override
    public void registerOn(Router router) {
        router.add("GET", "/info", request -> JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeStringField("engine", engine);
            out.writeBooleanField("metrics", metrics);
            out.writeBooleanField("watch", watch);
            out.writeEndObject();
        }));
    }
}
