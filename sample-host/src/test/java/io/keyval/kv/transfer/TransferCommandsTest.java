package io.keyval.kv.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostCommand;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's {@code backup}, {@code export} and {@code import} commands, as separate processes
 * against a running SQLite host with the same environment: an online copy while writes go on that
 * passes SQLite's integrity check, and an export imported into another store.
 */
class TransferCommandsTest {

    @TempDir
    Path dir;

    @Test
    void backupExportAndImportAgainstARunningHost() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestDirs.copyShippedPlugins(plugins);
        Map<String, String> env = Map.of("KEYVAL_PORT", "0", "KEYVAL_PLUGINS_DIR", plugins.toString(),
                "KEYVAL_DATA_DIR", dir.resolve("data").toString());
        HostProcess host = HostProcess.launch(dir, env);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer;
        try {
            HttpClientHelper http = host.http();
            for (int i = 0; i < 200; i++) {
                assertEquals(200, http.put("/keyval/api/keys/users/" + i, "{\"n\":" + i + "}").status());
            }
            writer = new Thread(() -> {
                while (!stop.get()) {
                    http.put("/keyval/api/keys/during/" + written.get(), "1");
                    written.incrementAndGet();
                }
            });
            writer.start();
            Path copy = dir.resolve("copy.db");
            HostCommand.Result backup = HostCommand.run(dir, env, "backup", "--out", copy.toString());
            assertEquals(0, backup.exitCode(), backup.output());
            assertTrue(backup.output().contains("backup: database copied to"), backup.output());
            Path exported = dir.resolve("export.ndjson");
            HostCommand.Result export = HostCommand.run(dir, env, "export", "--prefix", "users", "--out",
                    exported.toString(), "--quiet");
            assertEquals(0, export.exitCode(), export.output());
            stop.set(true);
            writer.join();
            assertTrue(written.get() > 0, "writes went on during the backup");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                    Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    rs.next();
                    assertEquals("ok", rs.getString(1));
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM kv_entries")) {
                    rs.next();
                    assertTrue(rs.getLong(1) >= 200, "the copy holds what was written before it: " + rs.getLong(1));
                }
            }
            List<String> lines = Files.readAllLines(exported);
            assertEquals(202, lines.size(), "header, 200 entries, end");
            assertTrue(lines.get(0).startsWith("{\"type\":\"header\""), lines.get(0));

            Map<String, String> other = Map.of("KEYVAL_PORT", "0", "KEYVAL_PLUGINS_DIR", plugins.toString(),
                    "KEYVAL_DATA_DIR", dir.resolve("other").toString());
            HostCommand.Result imported = HostCommand.run(dir, other, "import", "--in", exported.toString());
            assertEquals(0, imported.exitCode(), imported.output());
            assertTrue(imported.output().contains("import: done, 200 entries written"), imported.output());
            HostCommand.Result bad = HostCommand.run(dir, other, "import", "--mode", "merge");
            assertEquals(2, bad.exitCode(), bad.output());
        } finally {
            stop.set(true);
            assertEquals(0, host.terminate());
        }
    }
}
