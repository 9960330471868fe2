package io.keyval.host.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The host as a child JVM ({@code java -cp <test classpath> io.keyval.host.Main --manifest <file>}),
 * for tests of process-level behaviour: SIGTERM handling, crashes, several hosts on one database.
 * Started through {@link HostSetup#startProcess()}; its output is forwarded with a {@code [host:PORT]} prefix.
 */
public final class HostProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("KeyVal host listening on http://([^:\\s]+):(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final HostSetup.Layout layout;
    // Whether close() deletes layout.root(): not a folder the test handed in.
    private final boolean ownsRoot;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private Thread stdout;
    private Thread stderr;

    private HostProcess(Process process, HostSetup.Layout layout, boolean ownsRoot) {
        this.process = process;
        this.layout = layout;
        this.ownsRoot = ownsRoot;
    }

    /**
     * Launches the child and waits (bounded) until it prints its "listening" line.
     *
     * @param setup what to run
     * @return the running child
     * @throws IllegalStateException if it exits or stays silent, with its output in the message
     */
    static HostProcess start(HostSetup setup) {
        HostSetup.Layout layout = setup.prepare();
        try {
            Path manifest = layout.root().resolve("manifest.yaml");
            Files.writeString(manifest, new Yaml().dump(setup.manifest(layout)));
            return launch(HostCommand.builder(layout.root(), setup.jvmOptions(), setup.env(),
                    List.of("--manifest", manifest.toString())), layout, true);
        } catch (IOException e) {
            TestDirs.deleteQuietly(layout.root());
            throw new UncheckedIOException("Cannot launch the host process", e);
        }
    }

    /**
     * Launches the host as a user would, configured only by its arguments and environment, and waits
     * (bounded) until it listens. {@code workDir} stays the caller's: {@link #close} does not delete it.
     *
     * @param workDir the working directory
     * @param env variables added to the inherited environment
     * @param args the host's arguments
     * @return the running child
     * @throws IllegalStateException if it exits or stays silent, with its output in the message
     */
    public static HostProcess launch(Path workDir, Map<String, String> env, String... args) {
        try {
            return launch(HostCommand.builder(workDir, List.of(), env, List.of(args)),
                    new HostSetup.Layout(workDir, workDir.resolve("plugins"), workDir.resolve("data")), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch the host process", e);
        }
    }

    private static HostProcess launch(ProcessBuilder builder, HostSetup.Layout layout, boolean ownsRoot)
            throws IOException {
        HostProcess child = new HostProcess(builder.start(), layout, ownsRoot);
        child.forwardOutput();
        child.awaitListening();
        return child;
    }

    private void forwardOutput() {
        stdout = forward(process.getInputStream(), System.out, true);
        stderr = forward(process.getErrorStream(), System.err, false);
    }

    private Thread forward(InputStream in, PrintStream to, boolean watchForListening) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.add(line);
                    to.println("[host:" + process.pid() + "] " + line);
                    Matcher m = LISTENING.matcher(line);
                    if (watchForListening && m.find()) {
                        listening.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the child dies; nothing left to forward
            }
        }, "host-output-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitListening() {
        process.onExit().thenRun(() -> listening.completeExceptionally(
                new IllegalStateException("Host process exited with code " + process.exitValue())));
        try {
            listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            deleteRoot();
            throw new IllegalStateException("Host process did not start (" + e.getMessage() + "); output:\n"
                    + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while waiting for the host process", e);
        }
    }

    /** @return the port the child listens on */
    public int port() {
        return listening.join();
    }

    /** @return e.g. {@code http://127.0.0.1:54321} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** @return a client for this host */
    public HttpClientHelper http() {
        return new HttpClientHelper(baseUrl());
    }

    /** @return the child's data directory */
    public Path dataDir() {
        return layout.dataDir();
    }

    /** @return the child's stdout and stderr lines so far, interleaved as received */
    public String output() {
        return String.join("\n", output);
    }

    /** @return the underlying process (pid, liveness, exit code) */
    public Process process() {
        return process;
    }

    /** Kills the child at once (SIGKILL): no shutdown hooks run. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * Sends SIGTERM (through the process handle, which unlike {@link Process#destroy} leaves this
     * side's pipes open, so that the child's last output is still read) and waits until the child
     * has exited.
     *
     * @return the exit code
     */
    public int terminate() {
        try {
            process.toHandle().destroy();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("Host process " + process.pid() + " ignored SIGTERM; killing it");
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitForExit();
        return process.exitValue();
    }

    /**
     * Stops the child gracefully ({@link #terminate}: plugins shut down in reverse order), then
     * deletes its temporary folder.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            terminate();
        } else {
            waitForExit();
        }
        deleteRoot();
    }

    private void deleteRoot() {
        if (ownsRoot) {
            TestDirs.deleteQuietly(layout.root());
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
            // let the forwarders drain the last lines so output() is complete
            stdout.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            stderr.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
