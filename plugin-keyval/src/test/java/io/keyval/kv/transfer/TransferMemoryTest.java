package io.keyval.kv.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import and export stream: 1,000,000 entries go in and out of a store in a process whose heap is
 * capped at 256 MB ({@link TransferChild}), on each engine.
 */
class TransferMemoryTest {

    private static final int ENTRIES = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aMillionEntriesWithA256MbHeapOnSqlite() throws Exception {
        run(List.of("sqlite"));
    }

    @Test
    void aMillionEntriesWithA256MbHeapOnPostgres() throws Exception {
        TestDatabases.assumePostgres();
        String schema = "kv_transfer_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            run(List.of("postgres", TestDatabases.postgresUrl(), schema));
        } finally {
            try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl());
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void run(List<String> engine) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath(), TransferChild.class.getName(), String.valueOf(ENTRIES), dir.toString()));
        command.addAll(engine);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
        }
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the child finished");
        assertEquals(0, child.exitValue(), "the child ended normally (no OutOfMemoryError): " + last);
        String[] f = last.split(" ");
        assertEquals("OK", f[0]);
        assertEquals(ENTRIES, Long.parseLong(f[1]), "imported");
        assertEquals(ENTRIES, Long.parseLong(f[2]), "exported");
        assertTrue(Long.parseLong(f[3]) > 60L * ENTRIES, "the export file holds them all: " + f[3] + " bytes");
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
