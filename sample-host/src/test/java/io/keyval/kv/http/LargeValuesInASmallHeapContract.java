package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A host with a 64 MB heap holding 120 values of 1 MB: lists, batch gets and pages of all of them
 * are answered in full (streamed in pieces, or as shorter pages with a cursor), and the host stays up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LargeValuesInASmallHeapContract {

    private static final String API = "/keyval/api";
    private static final int VALUES = 120;
    private static final int VALUE_CHARS = 1 << 20;

    private HostProcess host;
    private HttpClientHelper http;

    /** @return the host to start (the engine under test) */
    abstract HostSetup setup();

    /** Cleans up after the host stopped (e.g. drops a schema). */
    void cleanUp() throws Exception {
    }

    @BeforeAll
    void start() {
        host = setup().jvmOption("-Xmx64m").startProcess();
        http = host.http();
        for (int i = 0; i < VALUES; i++) {
            Response put = http.put(API + "/keys/big/" + i, value(i));
            assertEquals(200, put.status(), put::toString);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        cleanUp();
    }

    /** A JSON string of about 1 MB that ends with its number. */
    private static String value(int i) {
        String tail = "#" + i;
        return "\"" + "x".repeat(VALUE_CHARS - tail.length()) + tail + "\"";
    }

    private static void assertEntry(JsonNode entry, int i) {
        assertEquals("[\"big\"," + i + "]", entry.get("key").toString());
        String text = entry.get("value").textValue();
        assertEquals(VALUE_CHARS, text.length());
        assertTrue(text.endsWith("#" + i), "value of entry " + i);
    }

    @Test
    void aListOfAllTheValuesIsAnsweredInFull() {
        Response list = http.get(API + "/keys?prefix=big&limit=1000");
        assertEquals(200, list.status());
        JsonNode entries = list.json();
        assertEquals(VALUES, entries.size());
        List<Integer> order = new ArrayList<>();
        for (JsonNode e : entries) {
            order.add(e.get("key").get(1).intValue());
        }
        for (int i = 0; i < VALUES; i++) {
            assertEntry(entries.get(i), order.get(i));
        }
        assertEquals(order.stream().sorted().toList(), order, "in key order");
        Response reversed = http.post(API + "/keys/list", "{\"prefix\":[\"big\"],\"reverse\":true,\"limit\":"
                + (VALUES - 10) + ",\"where\":{\"$\":{\"$startsWith\":\"x\"}}}");
        assertEquals(VALUES - 10, reversed.json().size());
        assertEquals(VALUES - 1, reversed.json().get(0).get("key").get(1).intValue());
        assertHostAlive();
    }

    @Test
    void aBatchGetOfAllTheValuesIsAnsweredInRequestOrder() {
        StringBuilder keys = new StringBuilder("{\"keys\":[");
        List<Integer> asked = new ArrayList<>();
        for (int i = VALUES - 1; i >= 0; i--) {
            asked.add(i);
            keys.append("[\"big\",").append(i).append("],");
        }
        keys.append("[\"big\",\"missing\"],[\"big\",7]]}");
        Response batch = http.post(API + "/keys/batch", keys.toString());
        assertEquals(200, batch.status());
        JsonNode entries = batch.json();
        assertEquals(VALUES + 2, entries.size());
        for (int i = 0; i < VALUES; i++) {
            assertEntry(entries.get(i), asked.get(i));
        }
        assertTrue(entries.get(VALUES).get("versionstamp").isNull());
        assertEntry(entries.get(VALUES + 1), 7);
        assertHostAlive();
    }

    @Test
    void pagesOfLargeValuesEndEarlyWithACursor() {
        List<Integer> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (true) {
            JsonNode page = http.get(API + "/keys/paginate?prefix=big&limit=1000&cursor=" + cursor).json();
            pages++;
            for (JsonNode e : page.get("entries")) {
                seen.add(e.get("key").get(1).intValue());
            }
            if (!page.get("hasMore").booleanValue()) {
                assertTrue(page.get("cursor").isNull());
                break;
            }
            cursor = page.get("cursor").textValue();
        }
        assertEquals(VALUES, seen.size());
        assertEquals(seen.stream().sorted().toList(), seen);
        assertTrue(pages > 10, "a page of 200 MB was not cut: " + pages + " pages");
        assertHostAlive();
    }

    private void assertHostAlive() {
        assertTrue(host.process().isAlive());
        assertFalse(host.output().contains("OutOfMemoryError"), host.output());
        assertEquals(200, http.get("/health").status());
    }
}
