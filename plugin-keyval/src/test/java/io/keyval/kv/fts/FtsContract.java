package io.keyval.kv.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.Filter;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvIndexNotFoundException;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.SearchOptions;
import io.keyval.kv.testing.RuntimeFixture;
import io.keyval.kv.testing.RuntimeServer;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Full-text search through the Java API and over HTTP on a real socket, on one engine: tokenizers,
 * the query syntax, field extraction, indexes kept in step with every kind of write, back-fill,
 * restart, replacement, overlapping indexes, two hosts, and the 400s and 404s. One server per class;
 * every test works below its own root key.
 */
abstract class FtsContract extends RuntimeFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Map<String, Object> settings() {
        return Map.of("ttl", Map.of("purgeInterval", 100));
    }

    @Override
    protected String rootName() {
        return "fts";
    }

    private Key k(Object... parts) {
        return root.append(parts);
    }

    private void index(Key prefix, FtsTokenizer tokenizer, String... fields) {
        kv.fts().createIndex(FtsIndex.of(prefix, fields).tokenizer(tokenizer));
    }

    /** @return the last key part of each hit, in result order */
    private List<Object> search(Key prefix, String query) {
        return ids(kv.fts().search(prefix, query, SearchOptions.defaults()));
    }

    /** @return the last key part of each hit as text: numbers without a fraction ({@code 1}, not {@code 1.0}) */
    private static List<Object> ids(List<KvEntry<JsonNode>> hits) {
        List<Object> ids = new ArrayList<>();
        for (KvEntry<JsonNode> hit : hits) {
            Object last = hit.key().part(hit.key().size() - 1);
            ids.add(last instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : last);
        }
        return ids;
    }

    private static List<Object> sorted(List<Object> ids) {
        List<Object> copy = new ArrayList<>(ids);
        copy.sort((a, b) -> a.toString().compareTo(b.toString()));
        return copy;
    }

    @Test
    void porterStemsQueriesAndDocumentsBothWays() {
        Key p = k("posts");
        index(p, FtsTokenizer.PORTER, "title");
        kv.set(p.append("a"), Map.of("title", "She was running late"));
        kv.set(p.append("b"), Map.of("title", "A quick run"));
        kv.set(p.append("c"), Map.of("title", "He runs daily"));
        kv.set(p.append("d"), Map.of("title", "Nothing to see"));
        assertEquals(List.of("a", "b", "c"), sorted(search(p, "run")));
        assertEquals(List.of("a", "b", "c"), sorted(search(p, "running")));
        assertEquals(List.of("a", "b", "c"), sorted(search(p, "runs")));
    }

    @Test
    void unicode61FoldsCaseAndAccentsAsciiDoesNot() {
        Key u = k("unicode");
        Key a = k("ascii");
        index(u, FtsTokenizer.UNICODE61, "title");
        index(a, FtsTokenizer.ASCII, "title");
        for (Key p : List.of(u, a)) {
            kv.set(p.append("x"), Map.of("title", "Café CRÈME brûlée"));
        }
        assertEquals(List.of("x"), search(u, "cafe"));
        assertEquals(List.of("x"), search(u, "CAFÉ creme"));
        assertEquals(List.of("x"), search(u, "Brulee"));
        assertEquals(List.of(), search(a, "cafe"));
        assertEquals(List.of(), search(a, "CAFÉ"), "ascii folds A-Z only");
        assertEquals(List.of("x"), search(a, "café CRÈME"));
        assertEquals(List.of(), search(u, "run"), "unicode61 does not stem");
    }

    @Test
    void phrasesPrefixesAndBooleanOperators() {
        Key p = k("cities");
        index(p, FtsTokenizer.UNICODE61, "title");
        kv.set(p.append("a"), Map.of("title", "new york city"));
        kv.set(p.append("b"), Map.of("title", "york new"));
        kv.set(p.append("c"), Map.of("title", "newark airport"));
        assertEquals(List.of("a"), search(p, "\"new york\""));
        assertEquals(List.of("a", "b", "c"), sorted(search(p, "new*")));
        assertEquals(List.of("a"), search(p, "\"new yo\"*"));
        assertEquals(List.of("a", "b"), sorted(search(p, "new york")), "implicit AND");
        assertEquals(List.of("a", "b"), sorted(search(p, "new AND york")));
        assertEquals(List.of("b"), search(p, "york NOT city"));
        assertEquals(List.of("a", "c"), sorted(search(p, "city OR newark")));
        assertEquals(List.of("a", "c"), sorted(search(p, "(city OR airport) AND new*")));
        // NOT binds tighter than OR: newark OR (york NOT city).
        assertEquals(List.of("b", "c"), sorted(search(p, "newark OR york NOT city")));
        // AND binds tighter than OR: (york AND city) OR airport.
        assertEquals(List.of("a", "c"), sorted(search(p, "york city OR airport")));
        assertEquals(List.of(), search(p, "and"), "lower-case operators are plain terms");
    }

    @Test
    void fieldsAreDotPathsIntoObjectsAndArrays() {
        Key p = k("books");
        index(p, FtsTokenizer.UNICODE61, "author.name", "tags.1", "meta", "year");
        kv.set(p.append(1), Map.of("author", Map.of("name", "Ada Lovelace"), "tags", List.of("first", "engines"),
                "meta", Map.of("pages", 42), "year", 1843));
        kv.set(p.append(2), "lovelace as a plain string is not a document");
        assertEquals(List.of("1"), search(p, "lovelace"));
        assertEquals(List.of("1"), search(p, "engines"));
        assertEquals(List.of(), search(p, "first"), "tags.0 is not indexed");
        assertEquals(List.of("1"), search(p, "pages AND 42"), "an object is indexed as its JSON");
        assertEquals(List.of("1"), search(p, "1843"), "a number as its JSON text");
        assertEquals(List.of(), search(p, "author"), "keys of the path itself are not text");
    }

    @Test
    void updatesDeletesPrefixDeletesAndExpiryKeepTheIndexInStep() throws Exception {
        Key p = k("notes");
        index(p, FtsTokenizer.UNICODE61, "text");
        kv.set(p.append("u"), Map.of("text", "alpha"));
        kv.set(p.append("u"), Map.of("text", "beta"));
        assertEquals(List.of(), search(p, "alpha"), "an update re-indexes");
        assertEquals(List.of("u"), search(p, "beta"));

        kv.delete(p.append("u"));
        assertEquals(List.of(), search(p, "beta"), "a delete removes");

        kv.set(p.append("dir", 1), Map.of("text", "gamma"));
        kv.set(p.append("dir", 2), Map.of("text", "gamma"));
        kv.set(p.append("keep"), Map.of("text", "gamma"));
        kv.delete(p.append("dir"), new DeleteOptions(false, null));
        assertEquals(List.of("keep"), search(p, "gamma"), "a prefix delete removes every entry under it");

        for (int i = 0; i < 5; i++) {
            kv.set(p.append("filtered", i), Map.of("text", "epsilon", "n", i));
        }
        kv.delete(p.append("filtered"), new DeleteOptions(false, Filter.parse("{\"n\": {\"$gte\": 2}}")));
        assertEquals(List.of("0", "1"), sorted(search(p, "epsilon")), "a filtered delete removes what it deleted");

        kv.set(p.append("ttl"), Map.of("text", "delta"), Duration.ofSeconds(10));
        assertEquals(List.of("ttl"), search(p, "delta"));
        clock.advance(10_001);
        assertEquals(List.of(), search(p, "delta"), "an expired entry is never returned, even before the purge");
        String table = tableOf(p);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (documents(table) > 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(3, documents(table), "the purge removed the expired document; 'keep', 0 and 1 stay");
    }

    private String tableOf(Key prefix) throws Exception {
        for (JsonNode index : JSON.readTree(server.send("GET", "/indexes", null).body())) {
            if (index.get("prefix").toString().equals(prefix.toString())) {
                return index.get("tableName").asText();
            }
        }
        throw new AssertionError("no index on " + prefix);
    }

    private long documents(String table) {
        Map<String, Object> row = databases.getRootAdapter(null).executeOne("SELECT COUNT(*) AS n FROM " + table);
        return ((Number) row.get("n")).longValue();
    }

    @Test
    void atomicCommitsIndexTheResultingValueOfEveryMutation() throws Exception {
        Key p = k("atomic");
        index(p, FtsTokenizer.UNICODE61, "title", "0", "1");
        kv.atomic().set(p.append("doc"), Map.of("title", "atomic words")).sum(p.append("n"), 5).commit();
        assertEquals(List.of("doc"), search(p, "words"));
        kv.set(p.append("list"), List.of("hello"));
        kv.atomic().append(p.append("list"), List.of("world")).commit();
        assertEquals(List.of("list"), search(p, "world"), "append indexed with the resulting array");
        kv.atomic().prepend(p.append("list"), List.of("first")).commit();
        assertEquals(List.of("list"), search(p, "first AND hello"));
        assertEquals(List.of(), search(p, "world"), "prepend shifted 'world' to element 2, not indexed");
        kv.atomic().max(p.append("n"), 7).min(p.append("n"), 6).commit();
        assertEquals(List.of(), search(p, "6"), "a number value has no fields");
        kv.atomic().delete(p.append("doc")).commit();
        assertEquals(List.of(), search(p, "words"), "atomic delete removes");
        HttpResponse<String> r = server.send("POST", "/atomic", "{\"checks\":[],\"mutations\":[{\"type\":\"set\","
                + "\"key\":" + p.append("http") + ",\"value\":{\"title\":\"over http\"}}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("http"), search(p, "http"));
    }

    @Test
    void aLargeValueIsWrittenAndIndexedUpToTheCap() {
        Key p = k("large");
        index(p, FtsTokenizer.UNICODE61, "a", "b");
        String words = "alpha beta ".repeat(IndexedFields.MAX_DOCUMENT_CHARS / 11 + 1000); // past the cap
        kv.set(p.append(1), Map.of("a", words + "omega", "b", "second field"));
        kv.set(p.append(2), Map.of("a", "x".repeat(5000), "b", "one long term"));
        assertEquals(List.of("1"), search(p, "alpha beta"));
        assertEquals(List.of("1"), search(p, "\"beta alpha\""));
        assertEquals(List.of(), search(p, "omega"), "beyond the cap, not indexed");
        assertEquals(List.of(), search(p, "second"), "the cap counts fields in order");
        assertEquals(List.of("2"), search(p, "long"), "a very long term does not stop the rest");
    }

    @Test
    void aDeadLetteredMessagesFallbackKeysAreIndexed() {
        Key p = k("dead");
        index(p, FtsTokenizer.UNICODE61, "order");
        String id = kv.queue().enqueue(Map.of("order", "undeliverable parcel"), EnqueueOptions.defaults()
                .backoffSchedule(List.of()).keysIfUndelivered(List.of(p.append("fallback"))));
        assertEquals(id, kv.queue().dequeue().orElseThrow().id());
        kv.queue().nack(id, "gave up");
        assertEquals(List.of("fallback"), search(p, "parcel"));
    }

    @Test
    void whereAndExpiryApplyBeforeTheLimitAndOrderIsByRelevanceThenKey() {
        Key p = k("ranked");
        index(p, FtsTokenizer.UNICODE61, "body");
        for (int i = 0; i < 30; i++) {
            kv.set(p.append(i), Map.of("body", "common words for every document number " + i, "team", i % 3 == 0 ? "x" : "y"));
        }
        kv.set(p.append("best"), Map.of("body", "zeta zeta zeta", "team", "x"));
        kv.set(p.append("weak"), Map.of("body", "zeta and a great many other words that dilute it", "team", "x"));
        assertEquals(List.of("best", "weak"), search(p, "zeta"), "more occurrences in a shorter document rank first");
        List<KvEntry<JsonNode>> hits = kv.fts().search(p, "common", SearchOptions.defaults().limit(4)
                .where(Filter.parse("{\"team\": \"x\"}")));
        assertEquals(4, hits.size());
        for (KvEntry<JsonNode> hit : hits) {
            assertEquals("x", hit.value().get("team").asText());
        }
        kv.set(p.append(0), Map.of("body", "common words", "team", "x"), Duration.ofMillis(1));
        clock.advance(5);
        List<Object> expiredLeftOut = ids(kv.fts().search(p, "common", SearchOptions.defaults().limit(1000)
                .where(Filter.parse("{\"team\": \"x\"}"))));
        assertEquals(List.of("3", "6", "9", "12", "15", "18", "21", "24", "27"), expiredLeftOut,
                "equal scores in key order; the expired entry is not counted against the limit");
    }

    @Test
    void creatingAnIndexBackFillsExistingEntriesWhileWritesGoOn() throws Exception {
        Key p = k("backfill");
        int existing = FtsService.BACKFILL_BATCH * 2 + 500;
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < existing; i++) {
            batch.add(Map.of("text", "existing document " + i));
        }
        for (int i = 0; i < existing; i++) {
            kv.set(p.append("old", i), batch.get(i));
        }
        kv.set(p.append("old", 7), Map.of("text", "replaced"), Duration.ofMillis(1));
        clock.advance(2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                kv.set(p.append("new", written.get()), Map.of("text", "concurrent document " + written.get()));
                written.incrementAndGet();
            }
        });
        writer.start();
        try {
            index(p, FtsTokenizer.UNICODE61, "text");
        } finally {
            stop.set(true);
            writer.join();
        }
        assertTrue(written.get() > 0, "writes went on during the back-fill");
        assertEquals(List.of(String.valueOf(existing - 1)), search(p, "existing AND " + (existing - 1)));
        assertEquals(List.of(), search(p, "replaced"), "expired entries are not back-filled");
        assertEquals(List.of("0"), search(p, "concurrent AND 0"));
        int last = written.get() - 1;
        assertEquals(List.of(String.valueOf(last)), search(p, "concurrent AND " + last));
        assertEquals(existing - 1 + written.get(), documents(tableOf(p)),
                "every live entry is indexed once: the back-filled ones and those written meanwhile");
    }

    @Test
    void replacingAnIndexRebuildsItWithTheNewDefinition() throws Exception {
        Key p = k("replace");
        index(p, FtsTokenizer.UNICODE61, "title");
        kv.set(p.append(1), Map.of("title", "apple", "body", "running banana"));
        String before = tableOf(p);
        assertEquals(List.of(), search(p, "banana"));
        index(p, FtsTokenizer.PORTER, "body");
        assertEquals(List.of("1"), search(p, "banana"));
        assertEquals(List.of("1"), search(p, "run"));
        assertEquals(List.of(), search(p, "apple"));
        kv.set(p.append(2), Map.of("title", "x", "body", "more bananas"));
        assertEquals(List.of("1", "2"), sorted(search(p, "banana")), "later writes use the new definition");
        assertEquals(List.of(new FtsIndex(p, List.of("body"), FtsTokenizer.PORTER)),
                kv.fts().listIndexes().stream().filter(i -> i.prefix().equals(p)).toList());
        String after = tableOf(p);
        assertTrue(!after.equals(before), "new tables are built");
        assertThrows(RuntimeException.class, () -> documents(before), "the old index's tables are dropped");
        index(p, FtsTokenizer.PORTER, "body");
        assertEquals(after, tableOf(p), "the same definition again keeps the index as it is");
        assertEquals(List.of("1", "2"), sorted(search(p, "banana")));
    }

    @Test
    void overlappingIndexesEachHoldTheirDescendants() {
        Key outer = k("a");
        Key inner = k("a", "b");
        index(outer, FtsTokenizer.UNICODE61, "t");
        index(inner, FtsTokenizer.UNICODE61, "t");
        kv.set(inner.append(1), Map.of("t", "shared"));
        kv.set(outer.append(2), Map.of("t", "shared"));
        kv.set(inner, Map.of("t", "shared")); // the prefix key itself is in the outer index only
        assertEquals(List.of("1", "2", "b"), sorted(search(outer, "shared")), "[a, b, 1] is under both prefixes");
        assertEquals(List.of("1"), search(inner, "shared"));
        assertThrows(KvIndexNotFoundException.class, () -> search(k("a", "c"), "shared"), "only an exact prefix has an index");
        kv.fts().removeIndex(outer);
        assertThrows(KvIndexNotFoundException.class, () -> search(outer, "shared"));
        assertEquals(List.of("1"), search(inner, "shared"), "removing one index leaves the other");
        kv.delete(inner.append(1));
        assertEquals(List.of(), search(inner, "shared"));
    }

    @Test
    void indexesSurviveARestartAndAreUsedByAnotherHostsNextWrite() throws Exception {
        Key p = k("hosts");
        index(p, FtsTokenizer.UNICODE61, "t");
        kv.set(p.append(1), Map.of("t", "before restart"));
        server.close();
        server = serverOn(databases);
        kv = server.kv();
        assertEquals(List.of("1"), search(p, "restart"), "searchable right after a restart");
        try (Databases.ClosableDatabaseService other = TestDatabases.openAnother(databases, tempDir);
                RuntimeServer second = serverOn(other)) {
            Key q = k("late");
            second.kv().set(q.append(0), Map.of("t", "warm up the other host"));
            index(q, FtsTokenizer.UNICODE61, "t"); // on the first host, after the other has written
            second.kv().set(q.append(1), Map.of("t", "written on the other host"));
            assertEquals(List.of("0", "1"), search(q, "host"));
            assertEquals(List.of("0", "1"), ids(second.kv().fts().search(q, "host", SearchOptions.defaults())));
            second.kv().delete(q.append(0));
            assertEquals(List.of("1"), search(q, "host"));
        }
    }

    @Test
    void theHttpEndpointsAcceptBothBodyShapes() throws Exception {
        Key p = k("http");
        String prefix = p.toString();
        String path = URLEncoder.encode("fts/" + root.part(1) + "/http", StandardCharsets.UTF_8);
        assertEquals("{\"ok\":true}", ok(server.send("POST", "/indexes",
                "{\"prefix\":" + prefix + ",\"options\":{\"fields\":[\"title\"],\"tokenize\":\"porter\"}}")));
        kv.set(p.append("x"), Map.of("title", "Searching things", "n", 1));
        kv.set(p.append("y"), Map.of("title", "searched", "n", 2));
        JsonNode listed = JSON.readTree(ok(server.send("GET", "/indexes", null)));
        JsonNode mine = null;
        for (JsonNode i : listed) {
            if (i.get("prefix").toString().equals(prefix)) {
                mine = i;
            }
        }
        assertEquals("[\"title\"]", mine.get("fields").toString());
        assertEquals("porter", mine.get("tokenize").asText());
        assertEquals(2, JSON.readTree(ok(server.send("GET", "/search?prefix=" + path + "&query=search&limit=5", null))).size());
        JsonNode hits = JSON.readTree(ok(server.send("POST", "/search", "{\"prefix\":" + prefix
                + ",\"query\":\"search\",\"options\":{\"where\":{\"n\":2}},\"where\":{\"n\":1}}")));
        assertEquals(1, hits.size());
        assertEquals("searched", hits.get(0).get("value").get("title").asText(), "options.where wins");
        assertTrue(hits.get(0).has("versionstamp"));
        assertEquals(1, JSON.readTree(ok(server.send("POST", "/search", "{\"prefix\":" + prefix
                + ",\"query\":\"search\",\"limit\":1}"))).size(), "top-level limit (the TS client's form)");
        // The TS client's form of the index body, replacing the index.
        ok(server.send("POST", "/indexes", "{\"prefix\":" + prefix + ",\"fields\":[\"title\"],\"tokenize\":\"ascii\"}"));
        assertEquals(0, JSON.readTree(ok(server.send("GET", "/search?prefix=" + path + "&query=search", null))).size());
        assertEquals("{\"ok\":true}", ok(server.send("DELETE", "/indexes?prefix=" + path, null)));
        assertEquals("{\"ok\":true}", ok(server.send("DELETE", "/indexes?prefix=" + path, null)), "also when none");
        HttpResponse<String> missing = server.send("GET", "/search?prefix=" + path + "&query=x", null);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"No index found for prefix: " + prefix.replace("\"", "\\\"") + "\"}", missing.body());
    }

    private static String ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void badRequestsAre400sThatSayWhatToFix() throws Exception {
        Key p = k("bad");
        index(p, FtsTokenizer.UNICODE61, "t");
        String prefix = p.toString();
        assertError("POST", "/indexes", "{\"prefix\":" + prefix + ",\"options\":{\"fields\":[\"t\"],\"tokenize\":\"trigram\"}}",
                "Unknown tokenizer 'trigram': use unicode61, porter or ascii");
        assertError("POST", "/indexes", "{\"prefix\":" + prefix + ",\"options\":{\"fields\":[]}}",
                "At least one field must be specified");
        assertError("POST", "/indexes", "{\"prefix\":" + prefix + ",\"options\":{\"fields\":\"t\"}}",
                "options.fields must be a non-empty array of field paths");
        assertError("POST", "/indexes", "{\"prefix\":" + prefix + ",\"fields\":[\"a..b\"]}",
                "Invalid field path 'a..b': empty segment (write a.b, not a..b or .a)");
        assertError("POST", "/indexes", "{\"options\":{\"fields\":[\"t\"]}}",
                "prefix must be a non-empty key: an index covers the entries under a prefix");
        assertError("DELETE", "/indexes", null, "Missing 'prefix' query parameter");
        assertError("GET", "/search?query=x", null, "Missing 'prefix' query parameter");
        assertError("GET", "/search?prefix=a", null, "Missing 'query' query parameter");
        assertError("POST", "/search", "{\"query\":\"x\"}", "prefix is required");
        assertError("POST", "/search", "{\"prefix\":" + prefix + "}", "query is required");
        assertError("POST", "/search", "{\"prefix\":" + prefix + ",\"query\":\"x\",\"options\":{\"where\":{\"$bad\":1}}}",
                null);
        assertEquals(List.of(new FtsIndex(p, List.of("t"), FtsTokenizer.UNICODE61)),
                kv.fts().listIndexes().stream().filter(i -> i.prefix().equals(p)).toList(), "nothing changed");
    }

    private void assertError(String method, String path, String body, String message) throws Exception {
        HttpResponse<String> r = server.send(method, path, body);
        assertEquals(400, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).get("error").asText();
        if (message != null) {
            assertEquals(message, error);
        }
    }

    @Test
    void hostileQueriesAre400sOrAnswersNeverFailuresAndChangeNothing() throws Exception {
        Key p = k("hostile");
        index(p, FtsTokenizer.PORTER, "t");
        kv.set(p.append(1), Map.of("t", "robert'); DROP TABLE kv_entries; -- said the quote \"x\" OR 1=1"));
        kv.set(p.append(2), Map.of("t", "plain text"));
        String ops = "AND OR NOT ( ) \" * NEAR ".repeat(400);
        List<String> queries = List.of("\"unbalanced", "(open", "close)", "*", "a**", "NEAR(a b)", "NEAR", "t:plain",
                "^plain", "plain^", "a + b", "'; DROP TABLE kv_entries; --", "x' OR '1'='1", "\" OR 1=1 --",
                "\"\"", "\"'\"", "()", "AND", "plain OR", "NOT plain", "plain NOT", "((((((((((((((((((plain))))))))))))))))))",
                "\u0000", "plain\u0000text", "-plain", "{plain}", "plain; DELETE FROM kv_fts_indexes", ops,
                "plain ".repeat(70), "🙂", "\"🙂\"", "\"... ---\"", "\"drop table\"", "\"robert'); drop\"",
                "\"plain\u0000text\"", "\"plain\u0001\"", "\"" + "x".repeat(3000) + "\"", "y".repeat(3000) + "*");
        long entries = kv.count(Key.of());
        for (String q : queries) {
            HttpResponse<String> r = server.send("POST", "/search", JSON.writeValueAsString(
                    Map.of("prefix", List.of("fts", root.part(1), "hostile"), "query", q)));
            assertTrue(r.statusCode() == 200 || r.statusCode() == 400, q + " -> " + r.statusCode() + " " + r.body());
            if (r.statusCode() == 400) {
                assertTrue(JSON.readTree(r.body()).get("error").asText().startsWith("Invalid search query: "), r.body());
            }
        }
        assertEquals(List.of("1"), search(p, "\"drop table\""), "a phrase of SQL is just text");
        assertEquals(List.of("1"), search(p, "\"robert'); drop\""));
        assertEquals(List.of("1"), search(p, "\"\"\"x\"\"\""), "a doubled quote inside a phrase");
        assertThrows(KvValidationException.class, () -> search(p, "\"!!!\""), "nothing to search for");
        assertEquals(entries, kv.count(Key.of()), "the store is unchanged");
        assertEquals(List.of("2"), search(p, "plain"));
    }
}
