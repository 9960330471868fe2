package io.keyval.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The raw Undertow baseline: every request to {@code /raw/...} is answered with one fixed JSON body of
 * about 100 bytes, whatever the method.
 */
final class FixedBodyRoutes implements HttpRoutes {

    /** The baseline's answer. */
    static final byte[] BODY = Dataset.value(0).getBytes(StandardCharsets.UTF_8);

    @Override
    public String path(int i) {
        return "/raw/bench/" + i;
    }

    @Override
    public void verifySet(int i, HttpConnection.Response response) {
        verifyGet(i, response);
    }

    @Override
    public void verifyGet(int i, HttpConnection.Response response) {
        if (response.status() != 200 || !Arrays.equals(response.body(), BODY)) {
            throw new VerificationException("Raw handler answered HTTP " + response.status() + ": " + response.text());
        }
    }
}
