package io.keyval.host;

import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code java -jar keyval-host.jar [--manifest <path>]}. The manifest defaults to
 * {@code $KEYVAL_MANIFEST}, then {@code ./manifest.yaml}; a missing file means all defaults.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * Starts the host and keeps it running until the JVM is asked to stop (SIGTERM, Ctrl-C).
     *
     * @param args {@code --manifest <path>} optionally
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Host host;
        try {
            Path manifest = manifestPath(args, env).toAbsolutePath();
            Path baseDir = manifest.getParent();
            HostSettings settings = HostSettings.from(new ManifestLoader(env).load(manifest), baseDir, env);
            host = new Host(settings);
            host.start();
        } catch (RuntimeException e) {
            LOG.error("KeyVal host failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "keyval-shutdown"));
    }

    private static Path manifestPath(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--manifest")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--manifest needs a path");
                }
                return Path.of(args[i + 1]);
            }
            throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; usage: [--manifest <path>]");
        }
        String fromEnv = env.get("KEYVAL_MANIFEST");
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "manifest.yaml" : fromEnv);
    }
}
