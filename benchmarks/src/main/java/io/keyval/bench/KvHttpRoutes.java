package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The KeyVal HTTP API: {@code PUT|GET /keyval/api/keys/bench/{i}}. */
final class KvHttpRoutes implements HttpRoutes {

    /** Where the API is mounted, as in the host. */
    static final String MOUNT = "/keyval/api";

    private static final int VERSIONSTAMP_LENGTH = 20;
    private static final byte[] ENTRY_END = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final Dataset data;
    /** Per key, the GET answer up to its versionstamp: {@code {"key":["bench",i],"value":value(i),"versionstamp":"}. */
    private final byte[][] entryStarts;

    /** @param data the benchmark data */
    KvHttpRoutes(Dataset data) {
        this.data = data;
        entryStarts = new byte[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            entryStarts[i] = ("{\"key\":[\"bench\"," + i + "],\"value\":" + data.valueAt(i) + ",\"versionstamp\":\"")
                    .getBytes(StandardCharsets.UTF_8);
        }
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

    /**
     * Accepts at once an answer that is byte for byte the expected entry (as the raw baseline's answer is
     * checked), so that the client, which shares the CPU with the server, spends on a correct answer
     * about what it spends on the baseline's; anything else is parsed and its value compared as JSON.
     */
    @Override
    public void verifyGet(int i, HttpConnection.Response response) {
        if (response.status() == 200 && isExactEntry(i, response.body())) {
            return;
        }
        data.verify(i, ok(response).path("value"));
    }

    /** @return whether {@code body} is exactly the entry of key {@code i} with some versionstamp */
    boolean isExactEntry(int i, byte[] body) {
        byte[] start = entryStarts[i];
        int stampEnd = start.length + VERSIONSTAMP_LENGTH;
        if (body.length != stampEnd + ENTRY_END.length
                || !Arrays.equals(body, 0, start.length, start, 0, start.length)
                || !Arrays.equals(body, stampEnd, body.length, ENTRY_END, 0, ENTRY_END.length)) {
            return false;
        }
        for (int p = start.length; p < stampEnd; p++) {
            byte b = body[p];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode ok(HttpConnection.Response response) {
        if (response.status() != 200) {
            throw new VerificationException("HTTP " + response.status() + ": " + response.text());
        }
        return Dataset.parse(response.text());
    }
}
