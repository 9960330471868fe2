package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.http.KvHttpTestServer.Reply;
import io.keyval.kv.store.StoredEntry;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /atomic} over a real socket (docs/http-api.md §4.10, §6), per engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AtomicHttpContract {

    @TempDir
    static Path tempDir;

    private KvHttpTestServer server;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() {
        server = new KvHttpTestServer(engine(), tempDir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Reply atomic(String body) {
        return server.send("POST", "/atomic", body);
    }

    @Test
    void commitAnswersOkWithTheVersionstampOrOkFalse() {
        JsonNode ok = atomic("""
                {"checks":[{"key":["h","n"],"versionstamp":null}],
                 "mutations":[{"type":"set","key":["h","n"],"value":1},
                              {"type":"sum","key":["h","n"],"value":{"__type":"bigint","value":"2"}},
                              {"type":"append","key":["h","l",{"__type":"uuidv7"}],"value":[{"a":1}]}]}""").okJson();
        assertEquals(2, ok.size());
        assertTrue(ok.get("ok").asBoolean());
        String vs = ok.get("versionstamp").asText();
        assertTrue(vs.matches("[0-9a-f]{20}"), vs);
        JsonNode entry = server.get("/keys/h/n").okJson();
        assertEquals(3, entry.get("value").asInt());
        assertEquals(vs, entry.get("versionstamp").asText());

        Reply failed = atomic("{\"checks\":[{\"key\":[\"h\",\"n\"],\"versionstamp\":null}],"
                + "\"mutations\":[{\"type\":\"delete\",\"key\":[\"h\",\"n\"]}]}");
        assertEquals(200, failed.status());
        assertEquals("{\"ok\":false}", failed.body());
        assertEquals(3, server.get("/keys/h/n").okJson().get("value").asInt());

        JsonNode empty = atomic("{}").okJson();
        assertTrue(empty.get("ok").asBoolean());
        assertTrue(empty.get("versionstamp").asText().compareTo(vs) > 0);
    }

    @Test
    void invalidCommitsAre400AndChangeNothing() {
        atomic("{\"mutations\":[{\"type\":\"set\",\"key\":[\"bad\",\"s\"],\"value\":\"text\"}]}").okJson();
        List<StoredEntry> before = server.snapshot();
        String mutation = "{\"type\":\"set\",\"key\":[\"bad\",\"x\"],\"value\":1}";
        for (String[] c : List.of(
                new String[] {"{\"mutations\":[" + mutation + ",{\"type\":\"sum\",\"key\":[\"bad\",\"s\"],\"value\":1}]}",
                    "Invalid mutation at index 1: sum needs the existing value to be a number or bigint"},
                new String[] {"{\"mutations\":[" + mutation + ",{\"type\":\"incr\",\"key\":[\"bad\",\"s\"]}]}",
                    "Invalid mutation at index 1: Unknown mutation type: incr"},
                new String[] {"{\"mutations\":[" + String.join(",", Collections.nCopies(1001, mutation)) + "]}",
                    "Too many mutations (max 1000)"},
                new String[] {"{\"checks\":[{\"key\":[\"bad\",{\"$uuidv7\":true}]}],\"mutations\":[" + mutation + "]}",
                    "Invalid check at index 0: "},
                new String[] {"[]", ""},
                new String[] {"{\"mutations\":[", "Invalid JSON body"})) {
            Reply r = atomic(c[0]);
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.error().startsWith(c[1]), r.error());
        }
        assertEquals(before, server.snapshot());
    }
}
