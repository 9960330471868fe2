package io.keyval.kv.transfer;

import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.ExportOptions;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link TransferMemoryTest}, run with a small heap: writes an export file of
 * {@code n} entries, imports it into a fresh store, exports the store to a second file, and prints
 * {@code OK <imported> <exported> <bytes>}.
 *
 * <p>Arguments: {@code <n> <dir> sqlite} or {@code <n> <dir> postgres <url> <schema>}.
 */
public final class TransferChild {

    private TransferChild() {
    }

    /** @param args see class doc */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Map<String, Object> adapter = args[2].equals("sqlite")
                ? Map.of("type", "sqlite", "default", true, "baseDir", "sqlite")
                : Map.of("type", "postgres", "default", true, "url", args[3], "schema", args[4]);
        Path in = dir.resolve("in.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(in, StandardCharsets.UTF_8)) {
            out.write("{\"type\":\"header\",\"format\":\"keyval-export\",\"version\":1,\"prefix\":[]}\n");
            for (int i = 0; i < n; i++) {
                out.write("{\"type\":\"entry\",\"key\":[\"big\"," + i + "],\"value\":{\"id\":" + i
                        + ",\"name\":\"user-" + i + "\",\"tags\":[\"alpha\",\"beta\"]}}\n");
            }
            out.write("{\"type\":\"end\",\"entries\":" + n + "}\n");
        }
        try (Databases.ClosableDatabaseService db = Databases.create(
                PluginConfig.of(Map.of("adapters", List.of(adapter))), dir);
                KeyValRuntime runtime = KeyValRuntime.start(db.getRootAdapter(null),
                        KeyValSettings.from(PluginConfig.of(Map.of()), "child"), Clock.systemUTC())) {
            Kv kv = runtime.kv();
            ImportResult imported;
            try (InputStream stream = Files.newInputStream(in)) {
                imported = kv.importFrom(stream, ImportOptions.defaults());
            }
            Path exportFile = dir.resolve("out.ndjson");
            long exported;
            try (OutputStream out = Files.newOutputStream(exportFile)) {
                exported = kv.exportTo(out, ExportOptions.under(Key.of("big")));
            }
            System.out.println("OK " + imported.entries() + " " + exported + " " + Files.size(exportFile));
        }
    }
}
