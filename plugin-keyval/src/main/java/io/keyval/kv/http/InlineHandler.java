package io.keyval.kv.http;

/**
 * The fast path of a route: runs on the I/O thread, for requests without a body, and either answers
 * at once or declines, in which case the request goes to the route's {@link RouteHandler} on a worker
 * thread as usual. It must never block or wait: only cheap, bounded work, such as reading one key
 * through {@code DatabaseAdapter.readWithoutWaiting}.
 */
@FunctionalInterface
interface InlineHandler {

    /**
     * @param request the request (non-blocking mode: respond through the exchange's sender)
     * @return whether it answered; {@code false} when it would have had to wait (nothing was sent)
     * @throws Exception {@link HttpError} or a validation failure to answer with that error; any other
     *     failure hands the request to the worker thread, which runs the route again
     */
    boolean tryHandle(ApiRequest request) throws Exception;
}
