package io.keyval.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/**
 * Command line: {@code java -jar keyval-host.jar [--manifest <file>] [--port <port>] [--help]
 * [--version]} (see {@link CommandLine#USAGE}). Start-up failures print one line and exit with 1;
 * SIGTERM and SIGINT stop the host gracefully and exit with 0.
 */
public final class Main {

    private Main() {
    }

    /**
     * Starts the host and keeps it running until it is asked to stop.
     *
     * @param args see {@link CommandLine#USAGE}
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, env);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        // A command's standard output is its data (an export): log lines go to standard error then.
        configureLogging(env, cli.command() != null);
        Logger log = LoggerFactory.getLogger(Main.class);
        if (cli.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        if (cli.version()) {
            System.out.println("KeyVal host " + version());
            return;
        }
        Host host;
        try {
            HostSettings settings = HostManifest.read(cli.manifest(), cli.manifestRequired(), env, defaultPluginsDir());
            if (cli.port() != null) {
                settings = settings.withPort(cli.port());
            }
            host = new Host(settings);
        } catch (RuntimeException e) {
            failed(log, e);
            return;
        }
        if (cli.command() != null) {
            System.exit(runCommand(log, host, cli));
            return;
        }
        Runnable stopAndExit = () -> {
            try {
                host.stop();
            } catch (RuntimeException | Error e) {
                log.error("Stopping the host failed", e);
            } finally {
                System.exit(0);
            }
        };
        // Handled here rather than by the JVM, whose default ends the process with 143 / 130; installed
        // before the start, so that a signal right after the "listening" line is handled too.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> new Thread(stopAndExit, "keyval-shutdown").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "keyval-shutdown-hook"));
        try {
            host.start();
        } catch (RuntimeException e) {
            failed(log, e);
        }
    }

    /** Runs a plugin's command; a failure is one line (with the stack trace at debug level) and exit code 1. */
    private static int runCommand(Logger log, Host host, CommandLine cli) {
        try {
            return host.runCommand(cli.command(), cli.commandArgs());
        } catch (Exception e) {
            if (log.isDebugEnabled()) {
                log.error("{} failed: {}", cli.command(), e.getMessage(), e);
            } else {
                log.error("{} failed: {}", cli.command(), e.getMessage());
            }
            return 1;
        }
    }

    /** One line a user can act on; the stack trace only when asked for (KEYVAL_LOG_LEVEL=debug). */
    private static void failed(Logger log, RuntimeException e) {
        if (log.isDebugEnabled()) {
            log.error("KeyVal host failed to start: {}", e.getMessage(), e);
        } else {
            log.error("KeyVal host failed to start: {}", e.getMessage());
        }
        System.exit(1);
    }

    /** Routes Undertow's JBoss logging and java.util.logging into SLF4J, at the level asked for. */
    private static void configureLogging(Map<String, String> env, boolean toStandardError) {
        if (toStandardError) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        String level = env.get("KEYVAL_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.trim().toLowerCase(Locale.ROOT));
        }
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** {@code plugins} next to the host jar, so that the host finds its plugins from any directory. */
    private static Path defaultPluginsDir() {
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return code.getParent().resolve("plugins");
            }
        } catch (Exception unknownLocation) {
            // fall back to the working directory
        }
        return Path.of("plugins").toAbsolutePath();
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
