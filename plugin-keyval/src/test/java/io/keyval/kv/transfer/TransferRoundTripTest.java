package io.keyval.kv.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.ExportOptions;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.SearchOptions;
import io.keyval.kv.plugin.KeyValSettings;
import io.keyval.kv.testing.RuntimeServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The growth path and back: SQLite → NDJSON → PostgreSQL → NDJSON → SQLite keeps every key (all part
 * types), value, expiry, queue message, dead letter and index definition, and search works on each
 * target. Needs PostgreSQL (skipped with a notice without it).
 */
class TransferRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void sqliteToPostgresToSqliteKeepsEverything() throws Exception {
        TestDatabases.assumePostgres();
        String fromSqlite;
        try (Databases.ClosableDatabaseService db = TestDatabases.open(TestDatabases.Engine.SQLITE, dir.resolve("a"));
                RuntimeServer a = server(db)) {
            fill(a.kv());
            fromSqlite = export(a.kv());
        }
        String fromPostgres;
        try (Databases.ClosableDatabaseService db = TestDatabases.open(TestDatabases.Engine.POSTGRES, dir.resolve("b"));
                RuntimeServer b = server(db)) {
            ImportResult r = importInto(b.kv(), fromSqlite);
            assertEquals(new ImportResult(6, 0, 0, 1, 2, 1), r);
            assertSearchable(b.kv());
            fromPostgres = export(b.kv());
        }
        String back;
        try (Databases.ClosableDatabaseService db = TestDatabases.open(TestDatabases.Engine.SQLITE, dir.resolve("c"));
                RuntimeServer c = server(db)) {
            importInto(c.kv(), fromPostgres);
            assertSearchable(c.kv());
            assertEquals(2, c.kv().queue().stats().pending(), "the messages are in the queue");
            back = export(c.kv());
        }
        assertEquals(records(fromSqlite), records(fromPostgres), "PostgreSQL holds what SQLite held");
        assertEquals(records(fromSqlite), records(back), "and so does SQLite again");
        assertTrue(fromPostgres.startsWith("{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1,"
                + "\"engine\":\"postgres\""), fromPostgres);
        Files.writeString(dir.resolve("round-trip.ndjson"), back); // readable by jq, kept for a failing run's report
    }

    private static RuntimeServer server(Databases.ClosableDatabaseService db) {
        return new RuntimeServer(db.getRootAdapter(null), KeyValSettings.from(PluginConfig.of(Map.of()), "t"),
                Clock.systemUTC());
    }

    private static void fill(Kv kv) {
        kv.fts().createIndex(FtsIndex.of(Key.of("docs"), "title").tokenizer(FtsTokenizer.PORTER));
        kv.set(Key.of("docs", "a"), Map.of("title", "Running through the export"));
        kv.set(Key.of("types", "s", 1.5, new BigInteger("123456789012345678901234567890"), true,
                new byte[] {0, 1, (byte) 0xff}), Map.of("nested", Map.of("list", List.of(1, "two", false))));
        kv.set(Key.of("types", "string"), "just a string");
        kv.set(Key.of("types", "number"), 42.25);
        kv.set(Key.of("types", "null"), null);
        kv.set(Key.of("ttl", 1), "expires later", Duration.ofHours(1));
        kv.queue().enqueue(Map.of("job", 1), EnqueueOptions.defaults().priority(7).delay(Duration.ofHours(1))
                .keysIfUndelivered(List.of(Key.of("failed", 1))));
        kv.queue().enqueue("second", EnqueueOptions.defaults()
                .backoffSchedule(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3))));
        String dead = kv.queue().enqueue("dead", EnqueueOptions.defaults().priority(100).backoffSchedule(List.of()));
        assertEquals(dead, kv.queue().dequeue().orElseThrow().id());
        kv.queue().nack(dead, "gave up");
    }

    private static void assertSearchable(Kv kv) {
        assertEquals(1, kv.fts().search(Key.of("docs"), "run", SearchOptions.defaults()).size());
    }

    private static String export(Kv kv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        kv.exportTo(out, ExportOptions.wholeStore());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ImportResult importInto(Kv kv, String ndjson) {
        return kv.importFrom(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), ImportOptions.defaults());
    }

    /** @return every record but the header (its engine, time and versionstamp differ) */
    private static List<String> records(String ndjson) {
        List<String> lines = Arrays.asList(ndjson.split("\\n"));
        return lines.subList(1, lines.size());
    }
}
