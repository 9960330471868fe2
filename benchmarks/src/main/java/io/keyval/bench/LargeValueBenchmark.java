package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.store.JsonValues;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Large values at wire speed (issue: a consumer rewrites one value of ~380 KB every second): PUT
 * and GET of one value of 4 KiB, 64 KiB, 1 MiB and 4 MiB, in MB/s, through raw JDBC (the baseline:
 * the same JSON text written to and read from a key → text table with the same durability), the
 * Java API and the HTTP API, in one run. One writer and one reader at a time, the same key
 * overwritten, as the consumer does. Target: each system at least 0.5x raw at 1 MiB.
 *
 * <p>Two references measured in the same run show what each interface can reach at most: raw JDBC
 * plus the Jackson conversion a Java caller's value needs (the Java API hands out and takes JSON
 * trees), and a bare Undertow handler that stores nothing (GET answers the value from memory, PUT
 * reads the body and drops it): the cost of HTTP itself on this machine and client.
 */
final class LargeValueBenchmark {

    /** The value sizes measured. */
    static final int[] SIZES = {4 << 10, 64 << 10, 1 << 20, 4 << 20};
    /** Bytes written (and read) per system and size, over all rounds. */
    private static final long BYTES_PER_MEASUREMENT = 48L << 20;
    private static final int ROUNDS = 5;
    private static final int MIN_OPERATIONS = 4;
    private static final Key KEY = Key.of("bench", "large");
    private static final String PATH = "/keyval/api/keys/bench/large";

    private final Engine engine;
    private final PrintStream out;
    private final List<String> rows = new ArrayList<>();

    LargeValueBenchmark(Engine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    /**
     * Values written in turn: SQLite does not rewrite a page whose content a write leaves unchanged,
     * so rewriting one identical value would measure nothing. The consumer's value changes every second.
     */
    private static final int VARIANTS = 4;

    /** A value like the consumer's: per-second snapshots of a few metrics, {@code size} bytes of JSON. */
    static String value(int size, int variant) {
        StringBuilder json = new StringBuilder(size + 128).append('[');
        for (long t = 1_733_000_000_000L + variant * 1000L; json.length() < size - 200; t += 1000) {
            json.append(json.length() == 1 ? "" : ",").append("{\"t\":").append(t).append(",\"cpu\":0.")
                    .append(t % 97).append(",\"mem\":").append(t % 1_000_003).append(",\"rps\":").append(t % 211)
                    .append(",\"host\":\"node-").append(t % 7).append("\"}");
        }
        String close = "\"}]";
        json.append(",{\"pad\":\"");
        json.append(String.valueOf((char) ('a' + variant)).repeat(size - json.length() - close.length())).append(close);
        return json.toString(); // compact JSON of exactly size bytes, different all through for each variant
    }

    /**
     * Measures every size on this engine and prints the table.
     *
     * @throws Exception on any failure
     * @throws VerificationException if a value read back differs
     */
    void run() throws Exception {
        for (int size : SIZES) {
            measure(size);
        }
        out.println();
        out.println("Large values, " + engine.variant() + ", MB/s, median of " + ROUNDS + " interleaved rounds"
                + " (ratio to raw JDBC in this run); target >= 0.5x at 1 MiB");
        out.println("references: jdbc+jackson = raw JDBC plus the JSON tree conversion the Java API does;"
                + " bare-http = Undertow storing nothing");
        out.printf(Locale.ROOT, "%-8s %-4s %10s %19s %19s %19s %19s%n", "size", "op", "raw-jdbc", "java-api",
                "(jdbc+jackson)", "http", "(bare-http)");
        rows.forEach(out::println);
    }

    /**
     * Every system on its own fresh database, measured in turn, round after round, so that drifts of
     * the disk's sync latency hit them all alike.
     */
    private void measure(int size) throws Exception {
        String[] json = new String[VARIANTS];
        byte[][] bytes = new byte[VARIANTS][];
        JsonNode[] tree = new JsonNode[VARIANTS];
        for (int v = 0; v < VARIANTS; v++) {
            json[v] = value(size, v);
            bytes[v] = json[v].getBytes(StandardCharsets.UTF_8);
            tree[v] = JsonValues.MAPPER.readTree(json[v]); // numbers as the store reads them
        }
        int ops = (int) Math.max(MIN_OPERATIONS, BYTES_PER_MEASUREMENT / size / ROUNDS);
        Turns rawTurn = new Turns();
        Turns kvTurn = new Turns();
        Turns bareTurn = new Turns();
        KvApiStore store = new KvApiStore(engine.create(), new Dataset(1));
        // The keyval endpoint serves the store over HTTP and closes it (and its database) at the end.
        try (Engine.FreshDatabase rawDb = engine.create(); Connection c = rawDb.connect();
             HttpEndpoint http = HttpEndpoint.keyval(store, new Dataset(1));
             HttpConnection kvHttp = new HttpConnection(http.port());
             HttpEndpoint bare = HttpEndpoint.bareUndertow(bytes[0]);
             HttpConnection bareHttp = new HttpConnection(bare.port())) {
            rawDb.dialect().createTablesOn(c);
            Raw raw = new Raw(c);
            Kv kv = store.kv();
            Map<String, Operation> measured = new LinkedHashMap<>();
            measured.put("raw PUT", () -> raw.put(json[rawTurn.next()]));
            measured.put("api PUT", () -> kv.set(KEY, tree[kvTurn.next()]));
            measured.put("jackson PUT", () -> raw.put(JsonValues.MAPPER.writeValueAsString(tree[rawTurn.next()])));
            measured.put("http PUT", () -> ok(kvHttp.exchange("PUT", PATH, bytes[kvTurn.next()])));
            measured.put("bare PUT", () -> ok(bareHttp.exchange("PUT", PATH, bytes[bareTurn.next()])));
            measured.put("raw GET", () -> verify(raw.get().length(), size));
            measured.put("api GET", () -> verify(kv.get(KEY, JsonNode.class).value(), tree[kvTurn.last()]));
            measured.put("jackson GET", () -> verify(JsonValues.MAPPER.readTree(raw.get()), tree[rawTurn.last()]));
            measured.put("http GET", () -> verify(ok(kvHttp.exchange("GET", PATH, null)), size));
            measured.put("bare GET", () -> verify(ok(bareHttp.exchange("GET", PATH, null)), size));
            Map<String, List<Double>> results = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Operation> m : measured.entrySet()) {
                    results.computeIfAbsent(m.getKey(), k -> new ArrayList<>()).add(mbps(size, ops, m.getValue()));
                }
            }
            for (String op : List.of("PUT", "GET")) {
                row(size, op, median(results.get("raw " + op)), median(results.get("api " + op)),
                        median(results.get("jackson " + op)), median(results.get("http " + op)),
                        median(results.get("bare " + op)));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The raw JDBC baseline: a key → JSON text table, one upsert and one select. */
    private static final class Raw {
        private final PreparedStatement put;
        private final PreparedStatement get;
        private final byte[] key = KEY.toBytes();

        Raw(Connection c) throws SQLException {
            put = c.prepareStatement(RawJdbcClient.UPSERT);
            get = c.prepareStatement(RawJdbcClient.SELECT);
        }

        void put(String json) throws SQLException {
            put.setBytes(1, key);
            put.setString(2, json);
            put.executeUpdate();
        }

        String get() throws SQLException {
            get.setBytes(1, key);
            try (ResultSet rs = get.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void row(int size, String op, double raw, double api, double jackson, double http, double bare) {
        String label = size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
        rows.add(String.format(Locale.ROOT, "%-8s %-4s %10.1f %9.1f (%.2fx) %9.1f (%.2fx) %9.1f (%.2fx) %9.1f (%.2fx)%s",
                label, op, raw, api, api / raw, jackson, jackson / raw, http, http / raw, bare, bare / raw,
                size == 1 << 20 && (api / raw < 0.5 || http / raw < 0.5) ? "  MISSED" : ""));
        out.printf(Locale.ROOT, "{\"benchmark\":\"large-values\",\"engine\":\"%s\",\"bytes\":%d,\"op\":\"%s\","
                + "\"raw_mbps\":%.2f,\"api_mbps\":%.2f,\"jdbc_jackson_mbps\":%.2f,\"http_mbps\":%.2f,"
                + "\"bare_http_mbps\":%.2f}%n", engine.variant(), size, op, raw, api, jackson, http, bare);
    }

    /** Which variant the next write uses, and which one the last write wrote. */
    private static final class Turns {
        private int last;

        int next() {
            last = (last + 1) % VARIANTS;
            return last;
        }

        int last() {
            return last;
        }
    }

    /** An operation to time. */
    private interface Operation {
        void run() throws Exception;
    }

    /** Runs the operation a few times to warm it up, then {@code ops} times timed. */
    private static double mbps(int size, int ops, Operation op) throws Exception {
        for (int i = 0; i < Math.max(3, ops / 4); i++) {
            op.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) size * ops / seconds / 1e6;
    }

    private static HttpConnection.Response ok(HttpConnection.Response r) throws VerificationException {
        if (r.status() != 200) {
            throw new VerificationException("HTTP " + r.status() + ": " + r.text());
        }
        return r;
    }

    private static void verify(JsonNode actual, JsonNode expected) throws VerificationException {
        if (!expected.equals(actual)) {
            throw new VerificationException("the value read back differs from the one written");
        }
    }

    private static void verify(HttpConnection.Response r, int valueBytes) throws VerificationException {
        if (r.body().length < valueBytes) {
            throw new VerificationException("GET returned " + r.body().length + " bytes for a value of " + valueBytes);
        }
    }

    private static void verify(int actual, int expected) throws VerificationException {
        if (actual != expected) {
            throw new VerificationException("read " + actual + " characters, wrote " + expected);
        }
    }
}
