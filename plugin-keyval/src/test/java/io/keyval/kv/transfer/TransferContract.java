package io.keyval.kv.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.ExportOptions;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvImportException;
import io.keyval.kv.testing.RuntimeFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * Export and import on one engine, through the Java API and over HTTP: a snapshot taken during a
 * write burst, the modes, expired entries, a bad line in the middle (its number, exactly what was
 * applied), an atomic import (all or nothing), a newer format refused. One server per class; each
 * test works below its own prefix.
 */
abstract class TransferContract extends RuntimeFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;

    /** A small body limit: an import streams past it. */
    @Override
    protected Map<String, Object> settings() {
        return Map.of("maxBodySize", MAX_BODY);
    }

    @Override
    protected String rootName() {
        return "transfer";
    }

    private String export(Key prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kv.exportTo(out, ExportOptions.under(prefix));
        return out.toString(StandardCharsets.UTF_8);
    }

    private ImportResult importText(String ndjson, ImportOptions options) {
        return kv.importFrom(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), options);
    }

    private List<String> lines(String ndjson) {
        return List.of(ndjson.split("\n"));
    }

    /** @return the export with every key moved from {@code from} to {@code to} */
    private static String moved(String ndjson, Key from, Key to) {
        return ndjson.replace(from.toString().substring(0, from.toString().length() - 1),
                to.toString().substring(0, to.toString().length() - 1));
    }

    @Test
    void anExportIsOneSnapshotWhileWritesGoOn() throws Exception {
        for (int i = 0; i < 2000; i++) {
            kv.set(root.append("before", i), i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                int n = written.get();
                kv.atomic().set(root.append("during", n), n).sum(root.append("counter"), 1).commit();
                kv.queue().enqueue(n, EnqueueOptions.defaults()); // after its entry, in a commit of its own
                written.incrementAndGet();
            }
        });
        writer.start();
        String ndjson;
        try {
            while (written.get() < 50) {
                Thread.sleep(1);
            }
            ndjson = export(Key.of()); // the whole store: the queue's records are read after the entries
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (written.get() <= entries(ndjson, "during") + 1 && System.nanoTime() < deadline) {
                Thread.sleep(1); // writes go on after the snapshot
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        long during = 0;
        long before = 0;
        long counter = -1;
        long messages = 0;
        for (String line : lines(ndjson)) {
            JsonNode record = JSON.readTree(line);
            String type = record.path("type").asText();
            if (type.equals("message")) {
                messages++;
            }
            if (!type.equals("entry") || !record.get("key").get(1).asText().equals(root.part(1))) {
                continue;
            }
            String group = record.get("key").get(2).asText();
            if (group.equals("before")) {
                before++;
            } else if (group.equals("during")) {
                during++;
            } else {
                counter = record.get("value").asLong();
            }
        }
        assertEquals(2000, before, "every entry committed before the export");
        assertEquals(counter, during, "the counter and the entries come from the same commits");
        assertTrue(during >= 50 && during < written.get(), during + " of " + written.get());
        // Each message is enqueued after its entry: read later without one snapshot, there would be more.
        assertTrue(messages <= during && messages >= during - 1,
                messages + " messages for " + during + " entries: the queue was read in the entries' snapshot");
    }

    /** @return the entries of an export under this test's root and {@code group} */
    private long entries(String ndjson, String group) {
        return lines(ndjson).stream().filter(l -> l.contains("\"key\":" + root.append(group).toString()
                .substring(0, root.append(group).toString().length() - 1) + ",")).count();
    }

    @Test
    void importModesExpiryAndNewVersionstamps() throws Exception {
        Key src = root.append("src");
        kv.set(src.append("a"), Map.of("v", 1));
        kv.set(src.append("b"), Map.of("v", 2), Duration.ofSeconds(60));
        kv.set(src.append("c"), Map.of("v", 3), Duration.ofSeconds(5));
        String ndjson = export(src);
        clock.advance(10_000); // c has expired by the time of the import
        Key dst = root.append("dst");
        kv.set(dst.append("a"), "kept");
        String into = moved(ndjson, src, dst);

        ImportResult skip = importText(into, ImportOptions.defaults().overwrite(false));
        assertEquals(new ImportResult(1, 1, 1, 0, 0, 0), skip);
        assertEquals("\"kept\"", kv.get(dst.append("a")).value().toString());
        String vs = kv.get(dst.append("b")).versionstamp();
        ImportResult overwrite = importText(into, ImportOptions.defaults());
        assertEquals(new ImportResult(2, 0, 1, 0, 0, 0), overwrite);
        assertEquals(1, kv.get(dst.append("a")).value().get("v").asInt());
        assertTrue(kv.get(dst.append("b")).versionstamp().compareTo(vs) > 0, "new versionstamps from this store");
        clock.advance(50_001);
        assertEquals(null, kv.get(dst.append("b")).value(), "the absolute expiry came along");
    }

    @Test
    void aBadLineStopsTheImportWithItsNumberAndWhatWasApplied() {
        Key src = root.append("src");
        for (int i = 0; i < 1200; i++) {
            kv.set(src.append(i), i);
        }
        Key dst = root.append("dst");
        List<String> records = new ArrayList<>(lines(moved(export(src), src, dst)));
        records.add(1001, "{\"type\":\"entry\",\"key\":[\"broken\"");
        String broken = String.join("\n", records);
        KvImportException e = assertThrows(KvImportException.class,
                () -> importText(broken, ImportOptions.defaults()));
        assertTrue(e.getMessage().startsWith("Import stopped at line 1002: not JSON"), e.getMessage());
        assertEquals(new ImportResult(1000, 0, 0, 0, 0, 0), e.applied());
        assertEquals(1000, kv.count(dst), "exactly the records before the bad line");

        Key atomicDst = root.append("atomic");
        String atomicBroken = moved(broken, dst, atomicDst);
        KvImportException atomic = assertThrows(KvImportException.class,
                () -> importText(atomicBroken, ImportOptions.defaults().atomic(true)));
        assertEquals(new ImportResult(0, 0, 0, 0, 0, 0), atomic.applied());
        assertEquals(0, kv.count(atomicDst), "an atomic import applies nothing");
        assertEquals(1200, importText(moved(export(src), src, atomicDst), ImportOptions.defaults().atomic(true)).entries());
        assertEquals(1200, kv.count(atomicDst));
    }

    @Test
    void whatIsNotAnExportIsRefusedWithAReason() {
        assertThrows(KvImportException.class, () -> importText("", ImportOptions.defaults()));
        KvImportException newer = assertThrows(KvImportException.class, () -> importText(
                "{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":2}\n{\"type\":\"end\"}\n",
                ImportOptions.defaults()));
        assertTrue(newer.getMessage().contains("format version 2, newer than this plugin reads (1)"), newer.getMessage());
        KvImportException truncated = assertThrows(KvImportException.class, () -> importText(
                "{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1}\n", ImportOptions.defaults()));
        assertTrue(truncated.getMessage().contains("without an end record"), truncated.getMessage());
        KvImportException unknown = assertThrows(KvImportException.class, () -> importText(
                "{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1}\n{\"type\":\"mystery\"}\n",
                ImportOptions.defaults()));
        assertTrue(unknown.getMessage().contains("line 2: unknown record type 'mystery'"), unknown.getMessage());
        String header = "{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1}\n";
        byte[] latin1 = (header + "{\"type\":\"entry\",\"key\":[\"caf\u00e9\"],\"value\":1}\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        KvImportException notUtf8 = assertThrows(KvImportException.class,
                () -> kv.importFrom(new ByteArrayInputStream(latin1), ImportOptions.defaults()));
        assertTrue(notUtf8.getMessage().contains("line 2: the line is not valid UTF-8"), notUtf8.getMessage());
        for (String[] bad : new String[][] {
            {"{\"type\":\"message\",\"id\":\"x\\u0000\",\"value\":1,\"priority\":0,\"readyAt\":0,"
                    + "\"attempts\":0,\"backoffSchedule\":[],\"createdAt\":0}", "id must be a queue id"},
            {"{\"type\":\"message\",\"id\":\"019ae9c2-0000-7000-8000-000000000000\",\"value\":1,"
                    + "\"priority\":5000,\"readyAt\":0,\"attempts\":0,\"backoffSchedule\":[],\"createdAt\":0}",
                "priority must be an integer from -1000 to 1000"},
            {"{\"type\":\"entry\",\"key\":[],\"value\":1}", "Key"}}) {
            KvImportException e = assertThrows(KvImportException.class,
                    () -> importText(header + bad[0] + "\n{\"type\":\"end\"}\n", ImportOptions.defaults()));
            assertTrue(e.getMessage().startsWith("Import stopped at line 2: ") && e.getMessage().contains(bad[1]),
                    e.getMessage());
        }
    }

    @Test
    void exportAndImportOverHttp() throws Exception {
        Key src = root.append("src");
        kv.set(src.append(1), Map.of("t", "hello"));
        kv.set(src.append(2), List.of(1, 2, 3));
        for (int i = 3; i < 300; i++) {
            kv.set(src.append(i), Map.of("padding", "x".repeat(40)));
        }
        String path = "/export?prefix=transfer/" + root.part(1) + "/src";
        HttpResponse<String> exported = server.send("GET", path, null);
        assertEquals(200, exported.statusCode(), exported.body());
        assertEquals("application/x-ndjson", exported.headers().firstValue("Content-Type").orElse(""));
        assertEquals(export(src), exported.body());
        Key dst = root.append("dst");
        HttpResponse<String> imported = server.send("POST", "/import?mode=skip", moved(exported.body(), src, dst));
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(exported.body().length() > 5 * MAX_BODY, "the import body is larger than maxBodySize");
        assertEquals("{\"ok\":true,\"entries\":299,\"skippedExisting\":0,\"skippedExpired\":0,\"indexes\":0,"
                + "\"messages\":0,\"deadLetters\":0}",
                imported.body());
        assertEquals(299, kv.count(dst));
        HttpResponse<String> bad = server.send("POST", "/import?mode=merge", exported.body());
        assertEquals(400, bad.statusCode());
        HttpResponse<String> broken = server.send("POST", "/import", "{\"type\":\"header\"}\n");
        assertEquals(400, broken.statusCode());
        assertTrue(JSON.readTree(broken.body()).get("error").asText().startsWith("Import stopped at line 1: not a KeyVal export"),
                broken.body());
    }
}
