package io.keyval.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host's command line.
 *
 * @param manifest the manifest file
 * @param manifestRequired whether it was named ({@code --manifest} or {@code KEYVAL_MANIFEST}), so that
 *     a missing file is an error rather than "defaults only"
 * @param port the port given with {@code --port}, or {@code null}
 * @param help whether {@code --help} was given
 * @param version whether {@code --version} was given
 * @param command a plugin's command to run instead of serving (e.g. {@code export}), or {@code null}
 * @param commandArgs the arguments after the command
 */
record CommandLine(Path manifest, boolean manifestRequired, Integer port, boolean help, boolean version,
        String command, List<String> commandArgs) {

    static final String USAGE = """
            Usage: java -jar keyval-host.jar [--manifest <file>] [--port <port>] [--help] [--version] [<command> [args]]
              --manifest <file>  the host manifest (default: $KEYVAL_MANIFEST, else ./manifest.yaml if present;
                                 without one, built-in defaults and KEYVAL_* environment variables apply)
              --port <port>      the HTTP port, overriding server.port and KEYVAL_PORT (0: any free port)
              --help             print this help and exit
              --version          print the version and exit
              <command> [args]   run a plugin's command instead of serving, with the same manifest and
                                 environment: export, import, backup (docs/export-import.md)
            Settings and environment variables: docs/configuration.md""";

    /**
     * @param args the arguments
     * @param env the environment ({@code KEYVAL_MANIFEST})
     * @return the parsed command line
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static CommandLine parse(String[] args, Map<String, String> env) {
        Path manifest = null;
        Integer port = null;
        boolean help = false;
        boolean version = false;
        String command = null;
        List<String> commandArgs = List.of();
        for (int i = 0; i < args.length && command == null; i++) {
            switch (args[i]) {
                case "--manifest" -> manifest = Path.of(value(args, ++i, "--manifest", "a file"));
                case "--port" -> port = port(value(args, ++i, "--port", "a number"));
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                    }
                    command = args[i];
                    commandArgs = List.of(args).subList(i + 1, args.length);
                }
            }
        }
        boolean required = manifest != null;
        if (manifest == null) {
            String fromEnv = env.get("KEYVAL_MANIFEST");
            required = fromEnv != null && !fromEnv.isBlank();
            manifest = Path.of(required ? fromEnv : "manifest.yaml");
        }
        return new CommandLine(manifest, required, port, help, version, command, commandArgs);
    }

    private static String value(String[] args, int i, String option, String what) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs " + what);
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number from 0 to 65535, found: " + text);
    }
}
