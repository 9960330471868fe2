package io.keyval.bench;

/** Where an HTTP server under test keeps key {@code i}, and what a correct answer looks like. */
interface HttpRoutes {

    /** @return the request path of key {@code i} */
    String path(int i);

    /**
     * @param i the key index
     * @param response the answer to the PUT of {@code value(i)}
     * @throws VerificationException if it is not an acknowledgement
     */
    void verifySet(int i, HttpConnection.Response response);

    /**
     * @param i the key index
     * @param response the answer to the GET of key {@code i}
     * @throws VerificationException if it does not carry the expected body
     */
    void verifyGet(int i, HttpConnection.Response response);
}
