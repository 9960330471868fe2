package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.TestPlugins.RecorderPlugin;
import io.keyval.host.testing.HostCommand;
import io.keyval.host.testing.HostCommand.Result;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.PluginJarBuilder;
import io.keyval.host.testing.TestDirs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's command line and start-up as a newcomer meets them: help, version, configuration from
 * the environment in any directory, and start-up failures that print one line and exit non-zero.
 */
class CommandLineTest {

    /** The one log format: ISO time, level, logger, message. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*");

    @TempDir
    Path dir;

    private Path shippedPlugins() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestDirs.copyShippedPlugins(plugins);
        return plugins;
    }

    /** Asserts a failed start-up: exit code 1 and one line that says why, without a stack trace. */
    private static String assertOneLineFailure(Result r) {
        assertEquals(1, r.exitCode(), r.output());
        assertFalse(r.output().contains("\tat "), () -> "a stack trace was printed:\n" + r.output());
        List<String> errors = r.lines().stream().filter(l -> l.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), r.output());
        assertTrue(errors.get(0).contains("KeyVal host failed to start: "), r.output());
        return errors.get(0);
    }

    @Test
    void helpAndVersion() {
        Result help = HostCommand.run(dir, Map.of(), "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.output().startsWith("Usage: java -jar keyval-host.jar"), help.output());
        assertTrue(help.output().contains("--port <port>"));
        Result version = HostCommand.run(dir, Map.of(), "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.output().startsWith("KeyVal host "), version.output());
        Result wrong = HostCommand.run(dir, Map.of(), "--prot", "8000");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.output().startsWith("Unknown argument '--prot'"), wrong.output());
    }

    @Test
    void aNamedManifestMustExistAndBeValidYaml() throws Exception {
        String missing = assertOneLineFailure(HostCommand.run(dir, Map.of(), "--manifest", "nope.yaml"));
        assertTrue(missing.endsWith("Manifest file not found: " + dir.resolve("nope.yaml")), missing);
        assertOneLineFailure(HostCommand.run(dir, Map.of("KEYVAL_MANIFEST", dir.resolve("gone.yaml").toString())));
        Files.writeString(dir.resolve("bad.yaml"), "server: [port: 1\n");
        assertTrue(assertOneLineFailure(HostCommand.run(dir, Map.of(), "--manifest", "bad.yaml")).contains("Invalid YAML in"));
        Files.writeString(dir.resolve("range.yaml"), "server:\n  port: 99999\n");
        assertTrue(assertOneLineFailure(HostCommand.run(dir, Map.of(), "--manifest", "range.yaml"))
                .endsWith("server.port must be between 0 and 65535, found: 99999"));
    }

    @Test
    void aPortInUseNamesTheAddressAndHowToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("KEYVAL_PORT", String.valueOf(taken.getLocalPort()),
                    "KEYVAL_PLUGINS_DIR", shippedPlugins().toString(), "KEYVAL_DATA_DIR", dir.resolve("data").toString());
            String line = assertOneLineFailure(HostCommand.run(dir, env));
            assertTrue(line.contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort()), line);
            assertTrue(line.contains("--port") && line.contains("KEYVAL_PORT"), line);
        }
    }

    @Test
    void aMissingPluginsFolderOrAMissingDependencyStopsTheStartUp() throws Exception {
        String missing = assertOneLineFailure(HostCommand.run(dir, Map.of("KEYVAL_PORT", "0",
                "KEYVAL_PLUGINS_DIR", dir.resolve("no-plugins").toString())));
        assertTrue(missing.contains("Plugins folder not found: " + dir.resolve("no-plugins")), missing);
        assertTrue(missing.contains("KEYVAL_PLUGINS_DIR"), missing);

        Path plugins = Files.createDirectories(dir.resolve("needy-plugins"));
        PluginJarBuilder.plugin("needy").dependencies("absent-plugin").extension(RecorderPlugin.class).build(plugins);
        String needy = assertOneLineFailure(HostCommand.run(dir, Map.of("KEYVAL_PORT", "0",
                "KEYVAL_PLUGINS_DIR", plugins.toString(), "KEYVAL_DATA_DIR", dir.resolve("data").toString())));
        assertTrue(needy.contains("needy") && needy.contains("absent-plugin"), needy);

        Path broken = Files.createDirectories(dir.resolve("broken-plugins"));
        Files.writeString(broken.resolve("broken.zip"), "not a zip");
        String unreadable = assertOneLineFailure(HostCommand.run(dir, Map.of("KEYVAL_PORT", "0",
                "KEYVAL_PLUGINS_DIR", broken.toString(), "KEYVAL_DATA_DIR", dir.resolve("data").toString())));
        assertTrue(unreadable.contains("broken"), unreadable);
    }

    @Test
    void theEnvironmentConfiguresAHostStartedAnywhereWithoutAManifest() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("somewhere/else"));
        Path data = dir.resolve("data-from-env");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("KEYVAL_PORT", String.valueOf(taken.getLocalPort()),
                    "KEYVAL_PLUGINS_DIR", shippedPlugins().toString(), "KEYVAL_DATA_DIR", data.toString());
            HostProcess host = HostProcess.launch(elsewhere, env, "--port", "0"); // --port wins over KEYVAL_PORT
            try {
                HttpClientHelper http = host.http();
                assertEquals(200, http.put("/keyval/api/keys/env/a", "1").status());
                assertEquals("1", http.get("/keyval/api/keys/env/a").json().get("value").toString());
                assertTrue(Files.exists(data.resolve("sqlite/_default.db")), "the data directory comes from the environment");
            } finally {
                assertEquals(0, host.terminate(), "a SIGTERM'd host exits with 0");
            }
            List<String> lines = host.output().lines().toList();
            assertEquals(1, lines.stream().filter(l -> l.contains("listening on")).count(), "one ready line");
            for (String line : lines) {
                assertTrue(LOG_LINE.matcher(line).matches(), () -> "a line in another format: " + line);
            }
            assertTrue(lines.stream().noneMatch(l -> l.contains("default: sqlite")), "no misleading adapter line");
            assertTrue(lines.stream().anyMatch(l -> l.contains("KeyVal initialized (database: sqlite)")));
        }
    }

    @Test
    void unknownSettingsAreReportedByName() throws Exception {
        Path manifest = dir.resolve("manifest.yaml");
        Files.writeString(manifest, "server:\n  port: 0\n  prot: 1\npluginsDir: " + shippedPlugins() + "\n"
                + "dataDir: data\nplugns: {}\nplugins:\n  plugin-keyval:\n    databse: postgres\n    ttl: {purgeIntervall: 5}\n");
        HostProcess host = HostProcess.launch(dir, Map.of());
        assertEquals(0, host.terminate(), "a SIGTERM'd host exits with 0");
        String output = host.output();
        for (String key : List.of("server.prot", "plugns", "plugins.plugin-keyval.databse",
                "plugins.plugin-keyval.ttl.purgeIntervall")) {
            assertTrue(output.contains("Unknown setting '" + key + "'"), () -> key + " not reported:\n" + output);
        }
    }

}
