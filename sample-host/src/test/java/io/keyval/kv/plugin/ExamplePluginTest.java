package io.keyval.kv.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example sibling plugin {@code examples/visit-counter}, exactly as Maven packaged it (its plugin
 * zip, with nothing bundled in {@code lib/}), loaded by the real host next to the shipped plugins:
 * its counters are written through {@code Kv} and visible over KeyVal's own HTTP API.
 */
class ExamplePluginTest {

    private static final String PLUGIN_ID = "example-visit-counter";
    private static HostFixture host;
    private static HttpClientHelper http;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins()
                .withExamplePlugins()
                .start();
        http = host.http();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void loadsAfterPluginKeyval() {
        List<String> ids = host.host().pluginIds();
        assertTrue(ids.contains(PLUGIN_ID), ids.toString());
        assertTrue(ids.indexOf("plugin-keyval") >= 0 && ids.indexOf("plugin-keyval") < ids.indexOf(PLUGIN_ID),
                ids.toString());
    }

    @Test
    void postIncrementsGetReadsAndKeyValSeesTheCounter() {
        Response first = http.post("/visits/ada", null);
        assertEquals(200, first.status(), first.body());
        assertEquals("application/json", first.header("Content-Type"));
        assertEquals("ada", first.json().get("name").asText());
        assertEquals(1, first.json().get("visits").asLong());

        Response second = http.post("/visits/ada", null);
        assertEquals(200, second.status(), second.body());
        assertEquals(2, second.json().get("visits").asLong());

        Response read = http.get("/visits/ada");
        assertEquals(200, read.status(), read.body());
        assertEquals("ada", read.json().get("name").asText());
        assertEquals(2, read.json().get("visits").asLong());

        Response stored = http.get("/keyval/api/keys/visits/ada");
        assertEquals(200, stored.status(), stored.body());
        JsonNode entry = stored.json();
        assertEquals("[\"visits\",\"ada\"]", entry.get("key").toString());
        assertEquals(2, entry.get("value").asLong());
        assertTrue(entry.get("value").isIntegralNumber(), stored.body());
    }

    @Test
    void namesArePercentDecodedOnce() {
        Response spaced = http.post("/visits/Ada%20Lovelace", null);
        assertEquals(200, spaced.status(), spaced.body());
        assertEquals("Ada Lovelace", spaced.json().get("name").asText());
        Response plus = http.post("/visits/C++", null);
        assertEquals(200, plus.status(), plus.body());
        assertEquals("C++", plus.json().get("name").asText());
        Response percent = http.post("/visits/100%2525", null);
        assertEquals("100%25", percent.json().get("name").asText(), percent.body());

        JsonNode stored = http.post("/keyval/api/keys/batch",
                "{\"keys\":[[\"visits\",\"Ada Lovelace\"],[\"visits\",\"C++\"],[\"visits\",\"100%25\"]]}").json();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, stored.get(i).get("value").asLong(), stored.toString());
        }
    }

    @Test
    void unvisitedNameCountsZeroAndWritesNothing() {
        Response read = http.get("/visits/nobody");
        assertEquals(200, read.status(), read.body());
        assertEquals(0, read.json().get("visits").asLong());
        assertEquals(404, http.get("/keyval/api/keys/visits/nobody").status());
    }

    @Test
    void badNamesAre400JsonAndWriteNothing() {
        String tooLong = "x".repeat(101);
        for (Response bad : List.of(http.post("/visits/" + tooLong, null), http.post("/visits/", null),
                http.get("/visits/" + tooLong))) {
            assertEquals(400, bad.status(), bad.body());
            assertTrue(bad.json().get("error").isTextual(), bad.body());
        }
        assertEquals(404, http.get("/keyval/api/keys/visits/" + tooLong).status());

        Response longest = http.post("/visits/" + "y".repeat(100), null);
        assertEquals(200, longest.status(), longest.body());
        assertEquals(1, longest.json().get("visits").asLong());
    }

    @Test
    void otherMethodsAre405WithAllow() {
        for (String method : List.of("DELETE", "PUT")) {
            Response wrong = http.send(method, "/visits/grace", null);
            assertEquals(405, wrong.status(), method + " " + wrong.body());
            assertTrue(wrong.json().get("error").isTextual(), wrong.body());
            String allow = wrong.header("Allow");
            assertTrue(allow != null && allow.contains("GET") && allow.contains("POST"), "Allow: " + allow);
        }
        assertEquals(0, http.get("/visits/grace").json().get("visits").asLong());
    }

    @Test
    void unknownPathsAre404Json() {
        for (String path : List.of("/visits", "/visits/a/b")) {
            Response missing = http.get(path);
            assertEquals(404, missing.status(), path + " " + missing.body());
            assertTrue(missing.json().get("error").isTextual(), missing.body());
        }
    }
}
