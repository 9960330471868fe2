package io.keyval.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Lifecycle events recorded by test plugins in a file of the data directory: a file works across PF4J
 * class loaders (each plugin has its own copy of static state) and across processes. Public because
 * plugin classes live in another runtime package (their own class loader).
 */
public final class PluginEvents {

    private PluginEvents() {
    }

    public static synchronized void record(Path dataDir, String event) {
        try {
            Files.writeString(dataDir.resolve("events.log"), event + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve("events.log");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
