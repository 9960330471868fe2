package io.keyval.kv.http;

/**
 * The routes of one resource group ({@code /keys}, {@code /atomic}, {@code /metrics}, ...): the API
 * serves the groups it is given, so that a capability that is switched off simply has none.
 */
@FunctionalInterface
public interface Routes {

    /**
     * @param router the route table to add the routes to
     */
    void registerOn(Router router);
}
