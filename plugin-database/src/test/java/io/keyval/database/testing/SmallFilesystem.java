package io.keyval.database.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny filesystem (a tmpfs mounted on a temporary folder) for tests of what happens when the
 * disk is full. Mounting needs root (or CAP_SYS_ADMIN): elsewhere the calling test is skipped with a
 * visible notice, unless {@code KEYVAL_REQUIRE_FAULTS=true} (CI), which turns that into a failure.
 *
 * <pre>{@code
 * try (SmallFilesystem fs = SmallFilesystem.mount(8)) {
 *     ... open a database in fs.dir() ...
 *     fs.fill();      // the disk is now full
 *     fs.release();   // space is back
 * }
 * }</pre>
 */
public final class SmallFilesystem implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final Path dir;
    private final Path filler;

    private SmallFilesystem(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /**
     * Mounts a tmpfs of the given size, or skips the calling test when that is not possible here.
     *
     * @param megabytes its size
     * @return the mounted filesystem
     */
    public static SmallFilesystem mount(int megabytes) {
        Path dir;
        try {
            dir = Files.createTempDirectory("keyval-small-fs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String problem = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
        if (problem != null) {
            deleteQuietly(dir);
            String message = "Cannot mount a tmpfs (" + problem + "): full-disk suites SKIPPED";
            if ("true".equalsIgnoreCase(System.getenv("KEYVAL_REQUIRE_FAULTS"))) {
                throw new AssertionError(message + " but KEYVAL_REQUIRE_FAULTS=true requires them");
            }
            System.err.println("*** " + message + " ***");
            Assumptions.abort(message);
        }
        return new SmallFilesystem(dir);
    }

    /** @return the mount point */
    public Path dir() {
        return dir;
    }

    /** Fills every free byte with a filler file. */
    public void fill() {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException expected) {
            // No space left on device: full.
        }
        // Byte-sized leftovers below one chunk: fill them too.
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler-tail"))) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException expected) {
            // full
        }
    }

    /** Deletes the filler: the space is free again. */
    public void release() {
        try {
            Files.deleteIfExists(filler);
            Files.deleteIfExists(dir.resolve("filler-tail"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts the filesystem and removes the mount point. */
    @Override
    public void close() {
        String problem = run("umount", "-l", dir.toString());
        if (problem != null) {
            System.err.println("Unmounting " + dir + " failed: " + problem);
        }
        deleteQuietly(dir);
    }

    /** @return {@code null} on success, else what went wrong */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            return p.exitValue() == 0 ? null : output.isEmpty() ? "exit code " + p.exitValue() : output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("Cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
