package io.keyval.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KvHttpRoutesTest {

    private static final String STAMP = "0000000000000001a000";

    private final Dataset data = new Dataset(10);
    private final KvHttpRoutes routes = new KvHttpRoutes(data);

    private static HttpConnection.Response ok(String body) {
        return new HttpConnection.Response(200, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(int key, String value) {
        return "{\"key\":[\"bench\"," + key + "],\"value\":" + value + ",\"versionstamp\":\"" + STAMP + "\"}";
    }

    @Test
    void theExactEntryPassesWithoutParsing() {
        assertTrue(routes.isExactEntry(3, ok(entry(3, Dataset.value(3))).body()));
        assertDoesNotThrow(() -> routes.verifyGet(3, ok(entry(3, Dataset.value(3)))));
    }

    @Test
    void anyOtherFormOfTheRightValueIsParsedAndPasses() {
        String reordered = "{ \"tags\": [\"alpha\", \"beta\"], \"active\": true, \"email\": \"user-000003@example.com\","
                + " \"name\": \"user-000003\", \"id\": 3.0 }";
        assertFalse(routes.isExactEntry(3, ok(entry(3, reordered)).body()));
        assertDoesNotThrow(() -> routes.verifyGet(3, ok(entry(3, reordered))));
        String upperStamp = entry(3, Dataset.value(3)).replace(STAMP, STAMP.toUpperCase());
        assertFalse(routes.isExactEntry(3, ok(upperStamp).body()));
        assertDoesNotThrow(() -> routes.verifyGet(3, ok(upperStamp)));
    }

    @Test
    void aWrongValueOrStatusFails() {
        assertThrows(VerificationException.class, () -> routes.verifyGet(3, ok(entry(3, Dataset.value(4)))));
        assertThrows(VerificationException.class, () -> routes.verifyGet(4, ok(entry(3, Dataset.value(3)))));
        assertThrows(VerificationException.class, () -> routes.verifyGet(3,
                new HttpConnection.Response(404, "{\"error\":\"Key not found\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theApiAnswersTheExactEntry() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.keyval(new KvApiStore(new SqliteEngine("FULL").create(), data), data);
             PointClient client = endpoint.clients().open()) {
            client.set(7);
            try (HttpConnection connection = new HttpConnection(endpoint.port())) {
                HttpConnection.Response answer = connection.exchange("GET", routes.path(7), null);
                assertTrue(routes.isExactEntry(7, answer.body()), answer::text);
            }
        }
    }
}
