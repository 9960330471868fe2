package io.keyval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** SQLite in WAL mode at the given synchronous level; each fresh database is a new temporary directory. */
final class SqliteEngine implements Engine {

    private static final String BUSY_TIMEOUT_MS = "10000";

    private final String synchronous;

    /** @param synchronous {@code FULL} or {@code NORMAL} */
    SqliteEngine(String synchronous) {
        this.synchronous = synchronous;
    }

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public String variant() {
        return "sqlite-" + synchronous.toLowerCase(Locale.ROOT);
    }

    @Override
    public FreshDatabase create() throws IOException {
        Path dir = Files.createTempDirectory("keyval-bench-sqlite");
        return new FreshDatabase() {
            @Override
            public Map<String, Object> adapterConfig() {
                return Map.of("type", "sqlite", "baseDir", dir.toString(), "synchronous", synchronous);
            }

            @Override
            public Connection connect() throws SQLException {
                // sqlite-jdbc applies these as pragmas on open: the same settings the adapter uses.
                Properties props = new Properties();
                props.setProperty("journal_mode", "WAL");
                props.setProperty("synchronous", synchronous);
                props.setProperty("busy_timeout", BUSY_TIMEOUT_MS);
                props.setProperty("jdbc.get_generated_keys", "false");
                return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"), props);
            }

            @Override
            public RawDialect dialect() {
                return new SqliteRawDialect();
            }

            @Override
            public void close() throws IOException {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        };
    }
}
