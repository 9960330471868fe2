package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvEntry;
import io.keyval.kv.core.JsonValues;
import io.keyval.kv.plugin.DefaultKv;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    /** Bytes written (and read) per measurement: enough operations to average over. */
    private static final long BYTES_PER_MEASUREMENT = 48L << 20;
    private static final int MIN_OPERATIONS = 12;
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
            String[] json = new String[VARIANTS];
            byte[][] bytes = new byte[VARIANTS][];
            JsonNode[] tree = new JsonNode[VARIANTS];
            for (int v = 0; v < VARIANTS; v++) {
                json[v] = value(size, v);
                bytes[v] = json[v].getBytes(StandardCharsets.UTF_8);
                tree[v] = JsonValues.MAPPER.readTree(json[v]); // numbers as the store reads them
            }
            int ops = (int) Math.max(MIN_OPERATIONS, BYTES_PER_MEASUREMENT / size);
            Turns turn = new Turns();
            double rawPut;
            double rawGet;
            double jacksonPut;
            double jacksonGet;
            double barePut;
            double bareGet;
            try (Engine.FreshDatabase db = engine.create(); Connection c = db.connect()) {
                for (String ddl : db.dialect().createTables()) {
                    c.createStatement().execute(ddl);
                }
                rawPut = rawPut(c, json, turn, ops);
                rawGet = rawGet(c, json, turn, ops);
                jacksonPut = rawPutWithJackson(c, tree, turn, ops, size);
                jacksonGet = rawGetWithJackson(c, turn, ops, size);
            }
            try (HttpEndpoint bare = HttpEndpoint.bareUndertow(bytes[0]);
                 HttpConnection connection = new HttpConnection(bare.port())) {
                barePut = mbps(size, ops, () -> ok(connection.exchange("PUT", PATH, bytes[turn.next()])));
                bareGet = mbps(size, ops, () -> verify(ok(connection.exchange("GET", PATH, null)), size));
            }
            KvApiStore store = new KvApiStore(engine.create(), new Dataset(1));
            // The endpoint serves the same store over HTTP and closes it (and its database) at the end.
            try (HttpEndpoint http = HttpEndpoint.keyval(store, new Dataset(1));
                 HttpConnection connection = new HttpConnection(http.port())) {
                Kv kv = new DefaultKv(store.kvStore());
                double apiPut = mbps(size, ops, () -> kv.set(KEY, tree[turn.next()]));
                double apiGet = mbps(size, ops, () -> verify(kv.get(KEY, JsonNode.class), tree[turn.last()]));
                double httpPut = mbps(size, ops, () -> ok(connection.exchange("PUT", PATH, bytes[turn.next()])));
                double httpGet = mbps(size, ops, () -> verify(ok(connection.exchange("GET", PATH, null)), size));
                row(size, "PUT", rawPut, apiPut, jacksonPut, httpPut, barePut);
                row(size, "GET", rawGet, apiGet, jacksonGet, httpGet, bareGet);
            }
        }
        out.println();
        out.println("Large values, " + engine.variant() + ", MB/s (ratio to raw JDBC in this run); target >= 0.5x at 1 MiB");
        out.println("references: jdbc+jackson = raw JDBC plus the JSON tree conversion the Java API does;"
                + " bare-http = Undertow storing nothing");
        out.printf(Locale.ROOT, "%-8s %-4s %10s %19s %19s %19s %19s%n", "size", "op", "raw-jdbc", "java-api",
                "(jdbc+jackson)", "http", "(bare-http)");
        rows.forEach(out::println);
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

    private static double rawPut(Connection c, String[] json, Turns turn, int ops) throws Exception {
        try (PreparedStatement put = c.prepareStatement(
                "INSERT INTO raw_entries (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            byte[] key = KEY.toBytes();
            return mbps(json[0].length(), ops, () -> {
                put.setBytes(1, key);
                put.setString(2, json[turn.next()]);
                put.executeUpdate();
            });
        }
    }

    private static double rawGet(Connection c, String[] json, Turns turn, int ops) throws Exception {
        try (PreparedStatement get = c.prepareStatement("SELECT value FROM raw_entries WHERE key = ?")) {
            byte[] key = KEY.toBytes();
            return mbps(json[0].length(), ops, () -> {
                get.setBytes(1, key);
                try (ResultSet rs = get.executeQuery()) {
                    rs.next();
                    verify(rs.getString(1).length(), json[turn.last()].length());
                }
            });
        }
    }

    private static double rawPutWithJackson(Connection c, JsonNode[] tree, Turns turn, int ops, int size)
            throws Exception {
        try (PreparedStatement put = c.prepareStatement(
                "INSERT INTO raw_entries (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            byte[] key = KEY.toBytes();
            return mbps(size, ops, () -> {
                put.setBytes(1, key);
                put.setString(2, JsonValues.MAPPER.writeValueAsString(tree[turn.next()]));
                put.executeUpdate();
            });
        }
    }

    private static double rawGetWithJackson(Connection c, Turns turn, int ops, int size) throws Exception {
        try (PreparedStatement get = c.prepareStatement("SELECT value FROM raw_entries WHERE key = ?")) {
            byte[] key = KEY.toBytes();
            return mbps(size, ops, () -> {
                get.setBytes(1, key);
                try (ResultSet rs = get.executeQuery()) {
                    rs.next();
                    JsonValues.MAPPER.readTree(rs.getString(1));
                }
            });
        }
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

    private static void verify(KvEntry<JsonNode> entry, JsonNode expected) throws VerificationException {
        if (!expected.equals(entry.value())) {
            throw new VerificationException("the value read back through the Java API differs");
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
