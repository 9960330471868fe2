package io.keyval.kv.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.plugin.KeyValSettings;
import io.keyval.kv.testing.RuntimeServer;
import io.keyval.kv.testing.SettableClock;
import io.keyval.kv.testing.SseEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch endpoints over a real socket: SSE framing, snapshot, pushed changes, expiry, prefix
 * windows, resume, the watcher cap, pings, shutdown, and the poll endpoints.
 */
abstract class WatchHttpContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private final SettableClock clock = new SettableClock(1_700_000_000_000L);
    private Databases.ClosableDatabaseService databases;
    private RuntimeServer server;
    private String root;

    protected abstract TestDatabases.Engine engine();

    @BeforeEach
    void start(TestInfo test) {
        databases = TestDatabases.open(engine(), tempDir);
        PluginConfig config = PluginConfig.of(Map.of("watch", Map.of("maxWatchers", 3, "heartbeat", 300)));
        server = new RuntimeServer(databases.getRootAdapter(null), KeyValSettings.from(config, "test"), clock);
        root = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stop() {
        server.close();
        databases.close();
    }

    private SseEvents open(String path, String lastEventId) throws Exception {
        HttpResponse<Stream<String>> r = server.stream(path, lastEventId);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
        return new SseEvents(r);
    }

    private String put(String key, String json) throws Exception {
        HttpResponse<String> r = server.send("PUT", "/keys/" + root + "/" + key, json);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("versionstamp").asText();
    }

    private static List<String> summary(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.path("key").get(1).asText() + "=" + e.path("value")
                + (e.path("versionstamp").isNull() ? "/null" : "")));
        return out;
    }

    @Test
    void aKeyStreamStartsWithTheSnapshotThenCarriesEachChange() throws Exception {
        String vs = put("a", "1");
        try (SseEvents s = open("/watch?keys=" + root + "/a," + root + "/b&keys=" + root + "/a", null)) {
            SseEvents.Event first = s.nextChange();
            assertEquals(List.of("a=1", "b=null/null"), summary(first.json()));
            assertEquals(vs, first.id());
            String vs2 = put("b", "{\"x\":2}");
            SseEvents.Event second = s.nextChange();
            assertEquals(List.of("b={\"x\":2}"), summary(second.json()));
            assertEquals(vs2, second.id(), "the newest versionstamp reported");
            assertEquals(200, server.send("POST", "/atomic", "{\"mutations\":[{\"type\":\"sum\",\"key\":[\"" + root
                    + "\",\"a\"],\"value\":4}]}").statusCode());
            assertEquals(List.of("a=5"), summary(s.nextChange().json()));
            assertEquals(200, server.send("DELETE", "/keys/" + root, null).statusCode()); // a prefix delete
            List<String> deleted = new ArrayList<>(summary(s.nextChange().json()));
            while (deleted.size() < 2) {
                deleted.addAll(summary(s.nextChange().json()));
            }
            assertEquals(List.of("a=null/null", "b=null/null"), deleted.stream().sorted().toList());
        }
    }

    @Test
    void withoutInitialTheFirstEventIsTheFirstChangeAndExpiryComesByItself() throws Exception {
        try (SseEvents s = open("/watch?initial=false&keys=" + root + "/t", null)) {
            assertEquals(200, server.send("PUT", "/keys/" + root + "/t?expiresIn=300", "\"soon\"").statusCode());
            assertEquals(List.of("t=\"soon\""), summary(s.nextChange().json()));
            clock.advance(300);
            assertEquals(List.of("t=null/null"), summary(s.nextChange().json()), "reported by the expiry timer");
        }
    }

    @Test
    void aPrefixStreamFollowsItsWindow() throws Exception {
        put("1", "1");
        put("2", "2");
        put("3", "3");
        try (SseEvents s = open("/watch/prefix?prefix=" + root + "&limit=2", null)) {
            assertEquals(List.of("1=1", "2=2"), summary(s.nextChange().json()));
            put("0", "0");
            assertEquals(List.of("0=0"), summary(s.nextChange().json()), "k2 left the window: not a deletion");
        }
        try (SseEvents s = open("/watch/prefix?prefixes=" + root + ",nothing&limit=5", null)) {
            assertEquals(List.of("0=0", "1=1", "2=2", "3=3"), summary(s.nextChange().json()));
        }
    }

    @Test
    void aResumedStreamSendsOnlyWhatIsNewerAndWhatIsGone() throws Exception {
        String seen = put("a", "1");
        put("b", "2");
        assertEquals(200, server.send("PUT", "/keys/" + root + "/a", "3").statusCode());
        try (SseEvents s = open("/watch?keys=" + root + "/a," + root + "/b," + root + "/c", seen)) {
            assertEquals(List.of("a=3", "b=2", "c=null/null"), summary(s.nextChange().json()));
        }
        String newest = put("a", "4");
        try (SseEvents s = open("/watch?keys=" + root + "/a," + root + "/b", newest)) {
            put("b", "5");
            assertEquals(List.of("b=5"), summary(s.nextChange().json()), "nothing newer than the id before it");
        }
    }

    @Test
    void idleStreamsArePingedAndTheCapIsEnforced() throws Exception {
        try (SseEvents a = open("/watch?initial=false&keys=" + root + "/x", null);
                SseEvents b = open("/watch?initial=false&keys=" + root + "/x", null);
                SseEvents c = open("/watch?initial=false&keys=" + root + "/x", null)) {
            SseEvents.Event ping = a.next();
            assertEquals("ping", ping.name());
            assertEquals("", ping.data());
            HttpResponse<String> refused = server.send("GET", "/watch?keys=" + root + "/x", null);
            assertEquals(503, refused.statusCode());
            assertEquals("Too many watchers", JSON.readTree(refused.body()).path("error").asText());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<Stream<String>> again;
        do { // the closed streams free their slots once the server sees them go
            again = server.stream("/watch?initial=false&keys=" + root + "/x", null);
            again.body().close();
        } while (again.statusCode() == 503 && System.nanoTime() < deadline);
        assertEquals(200, again.statusCode());
    }

    @Test
    void badRequestsAreRefusedWithJson() throws Exception {
        assertEquals("Missing 'keys' query parameter", error(server.send("GET", "/watch", null), 400));
        assertEquals("Missing 'prefix' query parameter", error(server.send("GET", "/watch/prefix", null), 400));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            many.append(many.length() == 0 ? "" : ",").append("k/").append(i);
        }
        error(server.send("GET", "/watch?keys=" + many, null), 400);
        error(server.send("GET", "/watch/prefix?prefix=p&limit=0", null), 400);
    }

    private static String error(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("error").asText();
    }

    @Test
    void theStreamsEndCleanlyWhenThePluginStops() throws Exception {
        try (SseEvents s = open("/watch?keys=" + root + "/a", null)) {
            s.nextChange();
            server.close();
            assertTrue(s.ended.await(10, TimeUnit.SECONDS), "the stream ended");
        }
        server = new RuntimeServer(databases.getRootAdapter(null), KeyValSettings.from(PluginConfig.of(Map.of()), "t"),
                clock);
    }

    @Test
    void disabledWatchHasNoEndpointsButTheJavaApiStillWorks() throws Exception {
        server.close();
        server = new RuntimeServer(databases.getRootAdapter(null), KeyValSettings.from(PluginConfig.of(Map.of("watch",
                Map.of("enabled", false))), "t"), clock);
        assertEquals("Not found", error(server.send("GET", "/watch?keys=a", null), 404));
        assertEquals("Not found", error(server.send("GET", "/watch/prefix/poll?prefix=a", null), 404));
        assertEquals(false, JSON.readTree(server.send("GET", "/info", null).body()).path("watch").asBoolean(true),
                "GET /info tells clients such as the admin UI");
        WatchContract.Received got = new WatchContract.Received();
        try (var s = server.kv().watch(List.of(io.keyval.kv.Key.of("a")), io.keyval.kv.WatchOptions.defaults(), got)) {
            got.await(m -> m.size() == 1, "the snapshot through the Java API");
        }
    }

    @Test
    void thePollEndpointsCompareWithWhatTheClientSaw() throws Exception {
        String vsA = put("a", "1");
        String keys = root + "/a," + root + "/b," + root + "/a";
        JsonNode first = JSON.readTree(server.send("GET", "/watch/poll?keys=" + keys, null).body());
        assertEquals(List.of("a=1"), summary(first.path("entries")));
        assertEquals(List.of(vsA, "", vsA), strings(first.path("versionstamps")), "one slot per key as sent");
        JsonNode same = JSON.readTree(server.send("GET", "/watch/poll?keys=" + keys + "&versionstamps=" + vsA + ",,"
                + vsA, null).body());
        assertEquals(List.of(), summary(same.path("entries")), "empty slots kept: b is still absent");
        server.send("DELETE", "/keys/" + root + "/a", null);
        JsonNode gone = JSON.readTree(server.send("GET", "/watch/poll?keys=" + root + "/a&versionstamps=" + vsA, null).body());
        assertEquals(List.of("a=null/null"), summary(gone.path("entries")));

        put("p/1", "1");
        put("p/2", "2");
        JsonNode prefix = JSON.readTree(server.send("GET", "/watch/prefix/poll?prefix=" + root + "/p", null).body());
        assertEquals(2, prefix.path("entries").size());
        String state = prefix.path("versionstamps").asText();
        assertTrue(state.startsWith(root + "/p/1:"), state);
        server.send("DELETE", "/keys/" + root + "/p/1", null);
        JsonNode after = JSON.readTree(server.send("GET", "/watch/prefix/poll?prefix=" + root + "/p&versionstamps="
                + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8), null).body());
        assertEquals(1, after.path("entries").size(), after::toString);
        assertTrue(after.path("entries").get(0).path("value").isNull());
        assertFalse(after.path("versionstamps").asText().contains("/p/1:"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
