package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code sqlite} adapter's configuration: {@code baseDir} (root database
 * {@code <baseDir>/_default.db}, relative to the data directory) or {@code url}
 * ({@code sqlite:///absolute/path.db}), {@code synchronous} ({@code FULL} or {@code NORMAL}) and
 * {@code readers} (reader connections).
 *
 * @param file the database file
 * @param synchronous {@code FULL} or {@code NORMAL}
 * @param readers how many reader connections to open
 */
record SqliteSettings(Path file, String synchronous, int readers) {

    private static final String URL_PREFIX = "sqlite://";
    private static final Set<String> SYNCHRONOUS_MODES = Set.of("FULL", "NORMAL");

    /**
     * @param config the adapter's entry of the {@code adapters} list
     * @param dataDir the host's data directory
     * @return the validated settings
     * @throws DatabaseException naming the offending option
     */
    static SqliteSettings from(PluginConfig config, Path dataDir) {
        Path file = config.has("url") ? fileOf(config.getString("url", "")) : rootFileIn(config, dataDir);
        String synchronous = config.getString("synchronous", "FULL").trim().toUpperCase(Locale.ROOT);
        if (!SYNCHRONOUS_MODES.contains(synchronous)) {
            throw new DatabaseException("sqlite adapter: synchronous must be FULL or NORMAL, found: "
                    + config.getString("synchronous", ""));
        }
        int readers = config.getInt("readers", 4);
        if (readers < 1) {
            throw new DatabaseException("sqlite adapter: readers must be at least 1, found: " + readers);
        }
        return new SqliteSettings(file, synchronous, readers);
    }

    private static Path rootFileIn(PluginConfig config, Path dataDir) {
        Path baseDir = Path.of(config.getString("baseDir", "sqlite"));
        return (baseDir.isAbsolute() ? baseDir : dataDir.resolve(baseDir)).resolve("_default.db");
    }

    private static Path fileOf(String url) {
        String path = url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : "";
        // KeyVal needs one database shared by several connections, so in-memory databases are refused.
        if (!path.startsWith("/")) {
            throw new DatabaseException("sqlite adapter: url must be sqlite:///absolute/path.db, found: " + url);
        }
        return Path.of(path);
    }
}
