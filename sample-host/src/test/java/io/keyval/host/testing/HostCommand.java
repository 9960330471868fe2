package io.keyval.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp <test classpath> io.keyval.host.Main <args>} run to completion in a directory of
 * the test's choosing, with an environment of its choosing: for the command line and start-up
 * failures.
 *
 * <pre>{@code
 * HostCommand.Result r = HostCommand.run(dir, Map.of(), "--help");
 * assertEquals(0, r.exitCode());
 * }</pre>
 */
public final class HostCommand {

    private static final long TIMEOUT_SECONDS = 30;

    private HostCommand() {
    }

    /**
     * @param exitCode the process's exit code
     * @param output stdout and stderr, interleaved
     */
    public record Result(int exitCode, String output) {
        /** @return the non-empty output lines */
        public List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * @param workDir the working directory
     * @param env variables added to the inherited environment
     * @param args the arguments
     * @return how it ended (a host that starts is killed after its listening line: see {@link #start})
     */
    public static Result run(Path workDir, Map<String, String> env, String... args) {
        Process process = start(workDir, env, args);
        try {
            CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            byte[] output = read.join();
            if (process.isAlive() || process.exitValue() == 137) {
                throw new IllegalStateException("host command did not end within " + TIMEOUT_SECONDS + " s: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param workDir the working directory
     * @param env variables added to the inherited environment
     * @param args the arguments
     * @return the started process, stderr merged into stdout
     */
    public static Process start(Path workDir, Map<String, String> env, String... args) {
        try {
            return builder(workDir, List.of(), env, List.of(args)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param workDir the working directory
     * @param jvmOptions options for the child JVM
     * @param env variables added to the inherited environment (whose {@code KEYVAL_MANIFEST} is dropped)
     * @param args the host's arguments
     * @return {@code java <jvmOptions> -cp <test classpath> io.keyval.host.Main <args>}, not started
     */
    static ProcessBuilder builder(Path workDir, List<String> jvmOptions, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(), "io.keyval.host.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("KEYVAL_MANIFEST");
        builder.environment().putAll(env);
        return builder;
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
