package io.keyval.kv.http;

/**
 * Handles one route. Runs on a worker thread, with the request body already read, and may block (on
 * the store); it answers through {@link JsonResponses}, which sends from the I/O thread. Throws to
 * fail the request (see {@link ErrorResponses} for how exceptions become responses).
 */
@FunctionalInterface
public interface RouteHandler {

    /**
     * @param request the request
     * @throws Exception any failure; validation failures become 400, {@link HttpError} its status
     */
    void handle(ApiRequest request) throws Exception;
}
