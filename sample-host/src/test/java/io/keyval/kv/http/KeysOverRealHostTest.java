package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every keys route and the error contract through the real host: the plugin zips Maven built,
 * loaded by PF4J from a temporary plugins folder, on an ephemeral port, over a socket, on the
 * SQLite default. (The exhaustive per-engine contract runs in plugin-keyval.)
 */
class KeysOverRealHostTest {

    private static final String API = "/keyval/api";
    private static HostFixture host;
    private static HttpClientHelper http;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins()
                .override("plugin-keyval", Map.of("maxBodySize", 2 * 1024 * 1024))
                .start();
        http = host.http();
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, http.put(API + "/keys/shop/items/" + i, "{\"n\":" + i + ",\"even\":" + (i % 2 == 0) + "}")
                    .status());
        }
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static List<String> keys(JsonNode entries) {
        return java.util.stream.StreamSupport.stream(entries.spliterator(), false)
                .map(e -> e.get("key").toString()).toList();
    }

    @Test
    void putGetAndNotFound() {
        Response put = http.put(API + "/keys/users/1", "{\"name\":\"Ada\"}");
        assertEquals(200, put.status());
        assertTrue(put.json().get("versionstamp").asText().matches("[0-9a-f]{20}"));
        Response get = http.get(API + "/keys/users/1");
        assertEquals("{\"key\":[\"users\",1],\"value\":{\"name\":\"Ada\"},\"versionstamp\":\""
                + put.json().get("versionstamp").asText() + "\"}", get.body());
        Response missing = http.get(API + "/keys/users/404");
        assertEquals(404, missing.status());
        assertEquals("Key not found", missing.json().get("error").asText());
    }

    @Test
    void listCountPaginate() {
        assertEquals(List.of("[\"shop\",\"items\",5]", "[\"shop\",\"items\",4]"),
                keys(http.get(API + "/keys?prefix=shop/items&reverse=true&limit=2").json()));
        assertEquals(5, http.get(API + "/keys/count?prefix=shop/items").json().get("count").asInt());
        JsonNode page = http.get(API + "/keys/paginate?prefix=shop/items&limit=3").json();
        assertTrue(page.get("hasMore").asBoolean());
        JsonNode rest = http.get(API + "/keys/paginate?prefix=shop/items&limit=3&cursor="
                + page.get("cursor").asText()).json();
        assertFalse(rest.get("hasMore").asBoolean());
        assertTrue(rest.get("cursor").isNull());
        assertEquals(2, rest.get("entries").size());
    }

    @Test
    void listWithWhereBatchGetAndDeleteBatch() {
        JsonNode even = http.post(API + "/keys/list",
                "{\"prefix\":[\"shop\",\"items\"],\"where\":{\"even\":true}}").json();
        assertEquals(List.of("[\"shop\",\"items\",2]", "[\"shop\",\"items\",4]"), keys(even));
        JsonNode batch = http.post(API + "/keys/batch",
                "{\"keys\":[[\"shop\",\"items\",3],[\"nope\"]]}").json();
        assertEquals(3, batch.get(0).get("value").get("n").asInt());
        assertTrue(batch.get(1).get("versionstamp").isNull());

        http.put(API + "/keys/tmp/a", "1");
        http.put(API + "/keys/tmp/b", "2");
        assertEquals(2, http.post(API + "/keys/delete-batch", "{\"keys\":[[\"tmp\",\"a\"],[\"tmp\",\"b\"],[\"tmp\",\"c\"]]}")
                .json().get("deletedCount").asInt());
    }

    @Test
    void deleteModes() {
        http.put(API + "/keys/del/a", "1");
        http.put(API + "/keys/del/a/x", "2");
        assertEquals(1, http.send("DELETE", API + "/keys/del/a", "{\"exact\":true}").json().get("deletedCount").asInt());
        assertEquals(1, http.delete(API + "/keys/del/a").json().get("deletedCount").asInt());
        assertEquals(0, http.get(API + "/keys/count?prefix=del").json().get("count").asInt());
    }

    @Test
    void ttlExpiresTheEntry() throws InterruptedException {
        assertEquals(200, http.put(API + "/keys/ttl/x?expiresIn=300", "\"soon gone\"").status());
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(50);
            status = http.get(API + "/keys/ttl/x").status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertEquals(404, status);
    }

    @Test
    void atomicCommitAndCheckFailure() {
        Response ok = http.post(API + "/atomic", "{\"checks\":[{\"key\":[\"acct\"],\"versionstamp\":null}],"
                + "\"mutations\":[{\"type\":\"sum\",\"key\":[\"acct\"],\"value\":5}]}");
        assertTrue(ok.json().get("ok").asBoolean(), ok.body());
        Response conflict = http.post(API + "/atomic", "{\"checks\":[{\"key\":[\"acct\"],\"versionstamp\":null}],"
                + "\"mutations\":[{\"type\":\"sum\",\"key\":[\"acct\"],\"value\":5}]}");
        assertEquals(200, conflict.status());
        assertFalse(conflict.json().get("ok").asBoolean());
        assertEquals(5, http.get(API + "/keys/acct").json().get("value").asInt());
    }

    @Test
    void largeValuesFitAndOversizedBodiesGet413() {
        String mib = "\"" + "x".repeat(1024 * 1024) + "\"";
        assertEquals(200, http.put(API + "/keys/big/one", mib).status());
        assertEquals(1024 * 1024 + 2, http.get(API + "/keys/big/one").json().get("value").toString().length());
        Response tooBig = http.put(API + "/keys/big/two", "\"" + "x".repeat(3 * 1024 * 1024) + "\"");
        assertEquals(413, tooBig.status());
        assertTrue(tooBig.json().get("error").isTextual());
        assertEquals(404, http.get(API + "/keys/big/two").status());
    }

    @Test
    void badInputIsA4xxJsonErrorAndChangesNothing() {
        String before = http.get(API + "/keys?limit=1000").body();
        List<Response> bad = List.of(
                http.put(API + "/keys/bad/1", "{not json"),
                http.put(API + "/keys/bad/1?expiresIn=0", "1"),
                http.put(API + "/keys/bad/1?expiresIn=soon", "1"),
                http.put(API + "/keys/bad/1", null),
                http.get(API + "/keys?limit=0"),
                http.get(API + "/keys/paginate?cursor=***"),
                http.post(API + "/keys/list", "{\"prefix\":\"shop\"}"),
                http.post(API + "/keys/list", "{\"where\":{\"n\":{\"$bogus\":1}}}"),
                http.post(API + "/keys/batch", "{\"keys\":[]}"),
                http.post(API + "/keys/batch", "{\"keys\":[[null]]}"),
                http.send("DELETE", API + "/keys/shop", "{\"where\":{\"n\":[1]}}"),
                http.send("DELETE", API + "/keys/shop", "not json"),
                http.post(API + "/keys/delete-batch", "{\"keys\":[[\"shop\"]],\"where\":{\"$or\":1}}"),
                http.post(API + "/atomic", "{\"mutations\":[{\"type\":\"explode\",\"key\":[\"shop\"]}]}"),
                http.post(API + "/atomic", "{\"mutations\":[{\"type\":\"set\",\"key\":[\"bad\"],\"value\":1},"
                        + "{\"type\":\"sum\",\"key\":[\"shop\",\"items\",1],\"value\":1}]}"));
        for (Response r : bad) {
            assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.body());
            assertTrue(r.json().get("error").isTextual(), r.body());
        }
        assertEquals(before, http.get(API + "/keys?limit=1000").body(), "the store changed");
        assertEquals(404, http.get(API + "/keys/bad/1").status());
        assertEquals(404, http.get(API + "/keys/bad").status());
    }

    @Test
    void unknownRoutesAre404Json() {
        for (Response r : List.of(http.get(API + "/nothing"), http.get("/keyval/elsewhere"), http.get("/no-such-plugin"))) {
            assertEquals(404, r.status(), r.body());
            assertEquals("Not found", r.json().get("error").asText());
        }
    }

    @Test
    void aWrongMethodOnAnExistingPathIs405WithTheAllowedMethods() {
        Response post = http.post(API + "/keys/count", "{}");
        assertEquals(405, post.status(), post.body());
        assertEquals("DELETE, GET, PUT", post.header("Allow"));
        assertEquals("Method POST not allowed here (allowed: DELETE, GET, PUT)", post.json().get("error").asText());
        Response getAtomic = http.get(API + "/atomic");
        assertEquals(405, getAtomic.status());
        assertEquals("POST", getAtomic.header("Allow"));
        Response options = http.send("OPTIONS", API + "/keys/a", null);
        assertEquals(405, options.status());
        Response health = http.send("DELETE", "/health", null);
        assertEquals(405, health.status());
        assertEquals("GET, HEAD", health.header("Allow"));
        assertTrue(health.json().get("error").isTextual());
    }
}
