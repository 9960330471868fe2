package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.http.KvHttpTestServer.Reply;
import io.keyval.kv.store.StoredEntry;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input of docs/http-api.md §1–§5 gets a 4xx with a JSON {@code error} string (never a 5xx)
 * and leaves the store exactly as it was. The store is seeded so that a bad request wrongly treated
 * as a (prefix) delete or write would show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeysBadInputContract {

    private static final String LONG_PART = "x".repeat(1025);
    private static final String DEEP_PATH = "d/".repeat(21);
    private static final String DEEP_KEY = "[" + IntStream.range(0, 21).mapToObj(i -> "\"d\"")
            .collect(Collectors.joining(",")) + "]";
    private static final String LIMIT = "limit must be a positive number, received ";
    private static final String EXPIRES_IN =
            "expiresIn must be a positive number of milliseconds or a duration like 30s, received ";
    private static final String WHERE = "Invalid where filter";
    private static final String JSON = "Invalid JSON body";

    @TempDir
    static Path tempDir;

    private KvHttpTestServer server;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() {
        server = new KvHttpTestServer(engine(), tempDir);
        for (String path : List.of("seed", "seed/a", "seed/a/x", "seed/b", "count", "d")) {
            Reply r = server.send("PUT", "/keys/" + path, "{\"active\":true,\"n\":1}");
            assertEquals(200, r.status(), r::toString);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * A bad request.
     *
     * @param method the method
     * @param path the raw path below {@code /keyval/api}
     * @param body the body, or {@code null}
     * @param error the expected start of the error message, or {@code null} for "any message"
     */
    private record Case(String method, String path, String body, String error) {
        @Override
        public String toString() {
            String shownBody = body == null ? "" : " " + (body.length() > 80 ? body.substring(0, 80) + "…" : body);
            return method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path) + shownBody;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBadRequestIsA4xxAndChangesNothing() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void aBodyThatIsNotUtf8IsA400() {
        byte[] latin1 = "\"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1);
        List<StoredEntry> before = server.snapshot();
        Reply reply = server.sendWith("PUT", "/keys/seed/a", BodyPublishers.ofByteArray(latin1));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("Request body must be UTF-8 encoded JSON", reply.error());
        assertEquals(before, server.snapshot(), "the store changed");
    }

    private void check(Case c) {
        List<StoredEntry> before = server.snapshot();
        Reply reply = server.send(c.method(), c.path(), c.body());
        assertTrue(reply.status() >= 400 && reply.status() < 500, () -> "expected 4xx: " + reply);
        assertEquals("application/json", reply.contentType());
        String error = reply.error();
        assertFalse(error.isBlank());
        if (c.error() != null) {
            assertTrue(error.startsWith(c.error()), () -> "expected '" + c.error() + "…' but got: " + error);
        }
        assertEquals(before, server.snapshot(), "the store changed");
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        invalidJson(cases);
        nonObjectBodies(cases);
        badKeysInBodies(cases);
        badKeysInPathsAndQueries(cases);
        badLimits(cases);
        badFlags(cases);
        badExpiresIn(cases);
        badCursors(cases);
        badWhereFilters(cases);
        cases.add(new Case("PUT", "/keys/seed/a", null, "Request body is required"));
        cases.add(new Case("PUT", "/keys/seed/a", "x".repeat((int) KvHttpTestServer.MAX_BODY + 1),
                "Request body too large (max " + KvHttpTestServer.MAX_BODY + " bytes)"));
        cases.add(new Case("POST", "/keys/seed", "{}", "Method POST not allowed here (allowed: DELETE, GET, PUT)"));
        cases.add(new Case("PATCH", "/keys/seed", "{}", "Method PATCH not allowed here (allowed: DELETE, GET, PUT)"));
        cases.add(new Case("GET", "/atomic", null, "Method GET not allowed here (allowed: POST)"));
        cases.add(new Case("OPTIONS", "/keys", null, "Method OPTIONS not allowed here (allowed: GET)"));
        cases.add(new Case("GET", "/nothing/here", null, "Not found"));
        badValues(cases);
        return cases;
    }

    private static void invalidJson(List<Case> cases) {
        for (String body : List.of("{bad", "{\"a\":1} trailing", "   ", "nul", "'single'", "{\"a\":}")) {
            cases.add(new Case("PUT", "/keys/seed/a", body, JSON));
        }
        for (String body : List.of("{bad", "[1,", "{\"keys\":[[\"seed\"]]", "{\"a\":1}}")) {
            cases.add(new Case("POST", "/keys/list", body, JSON));
            cases.add(new Case("POST", "/keys/batch", body, JSON));
            cases.add(new Case("POST", "/keys/delete-batch", body, JSON));
            cases.add(new Case("DELETE", "/keys/seed", body, JSON));
        }
        // A body of white space is not "no body": it must not turn into an unfiltered prefix delete.
        for (String body : List.of(" ", "\n\t ")) {
            cases.add(new Case("DELETE", "/keys/seed", body, JSON));
            cases.add(new Case("POST", "/keys/delete-batch", body, JSON));
        }
    }

    /** Values that cannot be stored as acknowledged: lone surrogates, numbers beyond a double. */
    private static void badValues(List<Case> cases) {
        String surrogate = "Invalid value: a string contains an unpaired surrogate";
        String range = "Invalid value: number ";
        for (String value : List.of("{\"\\ud83d\":1}", "\"\\udc00x\"", "[\"a\\ud83d\"]", "{\"k\":{\"\\ude00\":true}}")) {
            cases.add(new Case("PUT", "/keys/seed/a", value, surrogate));
            cases.add(new Case("POST", "/atomic", "{\"mutations\":[{\"type\":\"set\",\"key\":[\"seed\",\"a\"],\"value\":"
                    + value + "}]}", null));
        }
        for (String value : List.of("1e400", "{\"n\":-1e999999999}", "[1e-400]", "[0.1e-330]", "1" + "0".repeat(400))) {
            cases.add(new Case("PUT", "/keys/seed/a", value, range));
            cases.add(new Case("POST", "/atomic", "{\"mutations\":[{\"type\":\"set\",\"key\":[\"seed\",\"a\"],\"value\":"
                    + value + "}]}", null));
        }
    }

    private static void nonObjectBodies(List<Case> cases) {
        for (String body : List.of("[]", "[[\"seed\"]]", "\"seed\"", "42", "true", "null")) {
            for (String[] route : List.of(new String[] {"POST", "/keys/list"}, new String[] {"POST", "/keys/batch"},
                    new String[] {"POST", "/keys/delete-batch"}, new String[] {"DELETE", "/keys/seed"})) {
                cases.add(new Case(route[0], route[1], body, "Request body must be a JSON object"));
            }
        }
    }

    private static void badKeysInBodies(List<Case> cases) {
        String tooManyKeys = IntStream.range(0, 1001).mapToObj(i -> "[\"seed\"]").collect(Collectors.joining(","));
        String bigBytes = Base64.getEncoder().encodeToString(new byte[1025]);
        String hugeBigint = "1".repeat(700);
        List<String> badKeys = List.of("\"seed\"", "{\"0\":\"seed\"}", "[]", "[null]", "[[\"nested\"]]",
                "[\"seed\",{\"__type\":\"nope\",\"value\":\"1\"}]", "[{\"__type\":\"bigint\",\"value\":\"12x\"}]",
                "[{\"__type\":\"bigint\",\"value\":\"1.5\"}]", "[{\"__type\":\"bigint\"}]",
                "[{\"__type\":\"bigint\",\"value\":\"" + hugeBigint + "\"}]", "[{\"__type\":\"bytes\",\"value\":\"***\"}]",
                "[{\"__type\":\"bytes\",\"value\":\"" + bigBytes + "\"}]", "[{\"0\":256}]", "[{\"0\":1,\"2\":3}]",
                "[{\"0\":-1}]", "[{\"__type\":\"uuidv7\"}]", "[{\"$uuidv7\":true}]", "[\"" + LONG_PART + "\"]", DEEP_KEY);
        for (String key : badKeys) {
            cases.add(new Case("POST", "/keys/batch", "{\"keys\":[[\"seed\"]," + key + "]}",
                    "Invalid key at index 1: "));
            cases.add(new Case("POST", "/keys/delete-batch", "{\"keys\":[[\"seed\",\"b\"]," + key + "]}",
                    "Invalid key at index 1: "));
            if (!key.equals("[]")) {
                cases.add(new Case("POST", "/keys/list", "{\"prefix\":" + key + "}", null));
                cases.add(new Case("POST", "/keys/list", "{\"start\":" + key + "}", null));
                cases.add(new Case("POST", "/keys/list", "{\"end\":" + key + "}", null));
            }
        }
        for (String keys : List.of("[]", "[" + tooManyKeys + "]", "\"seed\"", "{}", "null")) {
            cases.add(new Case("POST", "/keys/batch", "{\"keys\":" + keys + "}", null));
            cases.add(new Case("POST", "/keys/delete-batch", "{\"keys\":" + keys + "}", null));
        }
        cases.add(new Case("POST", "/keys/batch", "{}", null));
        cases.add(new Case("POST", "/keys/batch", null, null));
        cases.add(new Case("POST", "/keys/delete-batch", "{\"exact\":true}", null));
    }

    private static void badKeysInPathsAndQueries(List<Case> cases) {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            String body = method.equals("PUT") ? "1" : null;
            cases.add(new Case(method, "/keys/", body, "Key path cannot be empty"));
            cases.add(new Case(method, "/keys///", body, "Key path cannot be empty"));
            cases.add(new Case(method, "/keys/" + DEEP_PATH, body, "Key path too deep (max 20 parts)"));
            cases.add(new Case(method, "/keys/seed/" + LONG_PART, body, null));
            cases.add(new Case(method, "/keys/seed/" + "%C3%A9".repeat(1025), body, null));
        }
        for (String param : List.of("prefix", "start", "end")) {
            cases.add(new Case("GET", "/keys?" + param + "=" + DEEP_PATH, null, "Key path too deep (max 20 parts)"));
            cases.add(new Case("GET", "/keys?" + param + "=seed/" + LONG_PART, null, null));
        }
        cases.add(new Case("GET", "/keys/count?prefix=" + DEEP_PATH, null, "Key path too deep (max 20 parts)"));
        cases.add(new Case("GET", "/keys/paginate?prefix=seed/" + LONG_PART, null, null));
    }

    private static void badLimits(List<Case> cases) {
        for (String raw : List.of("0", "-1", "abc", "", "-0", "0.9", "%20x", "NaN")) {
            String shown = raw.equals("%20x") ? " x" : raw;
            cases.add(new Case("GET", "/keys?limit=" + raw, null, LIMIT + shown));
            cases.add(new Case("GET", "/keys/paginate?limit=" + raw, null, LIMIT + shown));
        }
        for (String json : List.of("0", "-3", "0.5", "\"abc\"", "\"\"", "true", "{}", "[]")) {
            cases.add(new Case("POST", "/keys/list", "{\"limit\":" + json + "}", LIMIT));
        }
    }

    private static void badFlags(List<Case> cases) {
        cases.add(new Case("POST", "/keys/list", "{\"reverse\":\"true\"}", "reverse must be a boolean"));
        cases.add(new Case("POST", "/keys/delete-batch", "{\"keys\":[[\"seed\"]],\"exact\":\"true\"}",
                "exact must be a boolean"));
        cases.add(new Case("DELETE", "/keys/seed", "{\"exact\":1}", "exact must be a boolean"));
    }

    private static void badExpiresIn(List<Case> cases) {
        for (String raw : List.of("0", "-5", "abc", "1.5e3", "1h30m", "", "10x", "1.5", "0ms", "-1s", "1%20h",
                "99999999999999999999", "9007199254740992", "1000000y")) {
            String shown = raw.replace("%20", " ");
            cases.add(new Case("PUT", "/keys/seed/a?expiresIn=" + raw, "2", EXPIRES_IN + shown));
        }
    }

    private static void badCursors(List<Case> cases) {
        for (String cursor : List.of("!!!", "AAAA", "a", "%FF%FE", "Ag")) {
            cases.add(new Case("GET", "/keys/paginate?cursor=" + cursor, null, "Invalid cursor"));
        }
    }

    private static void badWhereFilters(List<Case> cases) {
        List<String> wheres = new ArrayList<>(List.of("{\"$bogus\":1}", "\"active\"", "[]", "42",
                "{\"active\":{\"$unknown\":1}}", "{\"profile\":{\"verified\":false}}", "{\"$or\":\"x\"}",
                "{\"a..b\":1}", "{\"a[x]\":1}", "{\"n\":[1,2]}"));
        // Numbers beyond a double: one engine would see infinity, the other an exact huge number.
        for (String number : List.of("1e999999999", "-1e999999999", "1e-16384", "1e400",
                "{\"__type\":\"bigint\",\"value\":\"" + "9".repeat(400) + "\"}")) {
            wheres.add("{\"n\":{\"$gt\":" + number + "}}");
            wheres.add("{\"n\":{\"$lt\":" + number + "}}");
            wheres.add("{\"n\":{\"$in\":[1," + number + "]}}");
        }
        wheres.add("{\"n\":{\"$gt\":{\"$now\":true,\"$offset\":1e400}}}");
        // Too large: more than 1,000 terms, however they are spread.
        wheres.add("{\"$or\":[" + IntStream.range(0, 1001).mapToObj(i -> "{\"n\":" + i + "}")
                .collect(Collectors.joining(",")) + "]}");
        wheres.add("{" + IntStream.range(0, 1001).mapToObj(i -> "\"f" + i + "\":1").collect(Collectors.joining(",")) + "}");
        wheres.add("{\"$or\":[" + "{},".repeat(1000) + "{}]}");
        wheres.add("{\"$and\":[{\"n\":{\"$in\":[" + IntStream.range(0, 1000).mapToObj(String::valueOf)
                .collect(Collectors.joining(",")) + "]}},{\"n\":1}]}");
        wheres.add("{\"" + "a.".repeat(32) + "a\":1}");
        for (String where : wheres) {
            cases.add(new Case("POST", "/keys/list", "{\"prefix\":[\"seed\"],\"where\":" + where + "}", WHERE));
            cases.add(new Case("DELETE", "/keys/seed", "{\"where\":" + where + "}", WHERE));
            cases.add(new Case("DELETE", "/keys/seed", "{\"exact\":true,\"where\":" + where + "}", WHERE));
            cases.add(new Case("POST", "/keys/delete-batch", "{\"keys\":[[\"seed\"]],\"where\":" + where + "}", WHERE));
        }
    }
}
