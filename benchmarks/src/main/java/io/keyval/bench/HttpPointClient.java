package io.keyval.bench;

import java.io.IOException;

/** W1 and W2 over one keep-alive HTTP connection. */
final class HttpPointClient implements PointClient {

    private final HttpConnection connection;
    private final HttpRoutes routes;
    private final Dataset data;

    /**
     * @param connection the connection; closed with this client
     * @param routes the server's paths and answers
     * @param data the benchmark data
     */
    HttpPointClient(HttpConnection connection, HttpRoutes routes, Dataset data) {
        this.connection = connection;
        this.routes = routes;
        this.data = data;
    }

    @Override
    public void set(int i) throws IOException {
        routes.verifySet(i, connection.exchange("PUT", routes.path(i), data.valueBytesAt(i)));
    }

    @Override
    public void getAndVerify(int i) throws IOException {
        routes.verifyGet(i, connection.exchange("GET", routes.path(i), null));
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
