package io.keyval.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.kv.ExportOptions;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyJson;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W8, export and import (docs/benchmarks.md), on the plugin as it runs (its composition root, the
 * Java API): W8_ENTRIES entries of W1's values imported from an export file, then exported, against
 * raw JDBC on the same engine: batched inserts of the same rows (500 per transaction), and a full
 * scan in key order writing the same NDJSON lines.
 */
final class TransferBenchmark {

    static final String RAW = "raw-jdbc";
    private static final String SYSTEM = KvApiStore.SYSTEM;
    private static final Logger LOG = LoggerFactory.getLogger(TransferBenchmark.class);
    private static final int RAW_BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final WorkloadParameters p;
    private final int run;
    private final Consumer<Result> sink;

    /**
     * @param engine the engine
     * @param p the sizes
     * @param run the round number of the result lines
     * @param sink receives the results
     */
    TransferBenchmark(Engine engine, WorkloadParameters p, int run, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.run = run;
        this.sink = sink;
    }

    void run() throws Exception {
        int n = p.transferEntries();
        LOG.info("{} W8 export and import, round {}: {} entries", engine.variant(), run, n);
        Path file = Files.createTempFile("keyval-w8", ".ndjson");
        try {
            writeExport(file, n);
            try (Engine.FreshDatabase database = engine.create()) {
                raw(database, n);
            }
            try (KvApiStore store = new KvApiStore(engine.create(), new Dataset(1))) {
                String durability = store.durability();
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(file)) {
                    store.kv().importFrom(in, ImportOptions.defaults());
                }
                emit(SYSTEM, durability, "api", "import_entries_per_s", rate(n, start));
                start = System.nanoTime();
                long exported = store.kv().exportTo(OutputStream.nullOutputStream(), ExportOptions.wholeStore());
                emit(SYSTEM, durability, "api", "export_entries_per_s", rate(n, start));
                if (exported != n) {
                    throw new VerificationException("exported " + exported + " entries, imported " + n);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The export file the store imports: W1's keys and values. */
    private static void writeExport(Path file, int n) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1,\"prefix\":[]}\n");
            for (int i = 0; i < n; i++) {
                out.write("{\"type\":\"entry\",\"key\":" + Dataset.key(i) + ",\"value\":" + Dataset.value(i) + "}\n");
            }
            out.write("{\"type\":\"end\",\"entries\":" + n + "}\n");
        }
    }

    /** The baseline: the same rows inserted in batches, then scanned into the same NDJSON. */
    private void raw(Engine.FreshDatabase database, int n) throws Exception {
        RawDialect dialect = database.dialect();
        try (Connection c = database.connect()) {
            String durability = dialect.durability(c);
            dialect.createTablesOn(c);
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(RawJdbcClient.UPSERT)) {
                for (int i = 0; i < n; i++) {
                    insert.setBytes(1, Dataset.key(i).toBytes());
                    insert.setString(2, Dataset.value(i));
                    insert.addBatch();
                    if (i % RAW_BATCH == RAW_BATCH - 1 || i == n - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            emit(RAW, durability, "jdbc", "import_entries_per_s", rate(n, start));
            start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement scan = c.prepareStatement("SELECT key, value FROM raw_entries ORDER BY key");
                    JsonGenerator json = JSON.getFactory().createGenerator(OutputStream.nullOutputStream(),
                            JsonEncoding.UTF8)) {
                json.setRootValueSeparator(null);
                scan.setFetchSize(RAW_BATCH);
                try (ResultSet rs = scan.executeQuery()) {
                    while (rs.next()) {
                        json.writeStartObject();
                        json.writeStringField("type", "entry");
                        json.writeFieldName("key");
                        KeyJson.write(Key.fromBytes(rs.getBytes(1)), json);
                        json.writeFieldName("value");
                        json.writeRawValue(rs.getString(2));
                        json.writeEndObject();
                        json.writeRaw('\n');
                        rows++;
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            emit(RAW, durability, "jdbc", "export_entries_per_s", rate(rows, start));
        }
    }

    private static double rate(long entries, long startNanos) {
        return entries / ((System.nanoTime() - startNanos) / 1e9);
    }

    private void emit(String system, String durability, String mode, String metric, double value) {
        sink.accept(new Result(system, engine.variant(), durability, "W8", metric, value, "entries/s", run, mode));
    }
}
