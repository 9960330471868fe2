package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** The KeyVal HTTP API: {@code PUT|GET /keyval/api/keys/bench/{i}}. */
final class KvHttpRoutes implements HttpRoutes {

    /** Where the API is mounted, as in the host. */
    static final String MOUNT = "/keyval/api";

    private final Dataset data;

    /** @param data the benchmark data */
    KvHttpRoutes(Dataset data) {
        this.data = data;
    }

    @Override
    public String path(int i) {
        return MOUNT + "/keys/bench/" + i;
    }

    @Override
    public void verifySet(int i, HttpConnection.Response response) {
        JsonNode body = ok(response);
        if (!body.path("ok").asBoolean(false) || body.path("versionstamp").asText("").isEmpty()) {
            throw new VerificationException("PUT " + path(i) + " answered " + response.text());
        }
    }

    @Override
    public void verifyGet(int i, HttpConnection.Response response) {
        data.verify(i, ok(response).path("value"));
    }

    private static JsonNode ok(HttpConnection.Response response) {
        if (response.status() != 200) {
            throw new VerificationException("HTTP " + response.status() + ": " + response.text());
        }
        return Dataset.parse(response.text());
    }
}
