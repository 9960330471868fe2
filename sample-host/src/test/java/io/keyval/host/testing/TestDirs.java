package io.keyval.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders of the fixtures: the shipped plugin zips, and clean-up. */
public final class TestDirs {

    private TestDirs() {
    }

    /**
     * Copies the plugin zips built by Maven (system property {@code keyval.plugins.dir}) into {@code pluginsDir}.
     *
     * @param pluginsDir an existing folder
     * @throws IOException if copying fails
     */
    public static void copyShippedPlugins(Path pluginsDir) throws IOException {
        copyZips(builtBy("keyval.plugins.dir"), pluginsDir);
    }

    /** @return the folder of the example plugin zips built by Maven (system property {@code keyval.example.plugins.dir}) */
    static Path examplePluginsDir() {
        return builtBy("keyval.example.plugins.dir");
    }

    private static Path builtBy(String property) {
        String dir = System.getProperty(property);
        if (dir == null) {
            throw new IllegalStateException("System property " + property + " is not set (run the tests with Maven)");
        }
        return Path.of(dir);
    }

    /** Copies every {@code *.zip} of {@code from} into {@code pluginsDir}. */
    static void copyZips(Path from, Path pluginsDir) throws IOException {
        try (Stream<Path> zips = Files.list(from)) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).toList()) {
                Files.copy(zip, pluginsDir.resolve(zip.getFileName()));
            }
        }
    }

    /** Deletes {@code dir} and its content; leftovers in the temp folder are not worth failing a test for. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
