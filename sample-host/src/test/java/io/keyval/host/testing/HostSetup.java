package io.keyval.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test host runs with: which plugins, configuration overrides, environment and data directory.
 * Start it in-process with {@link #start()} or as a child JVM with {@link #startProcess()}.
 *
 * <pre>{@code
 * static HostFixture host;
 *
 * @BeforeAll
 * static void start() {
 *     host = HostSetup.withShippedPlugins()
 *             .override("plugin-keyval", Map.of("database", "sqlite"))
 *             .start();
 * }
 *
 * @AfterAll
 * static void stop() {
 *     host.close();
 * }
 * }</pre>
 */
public final class HostSetup {

    /** A prepared temporary layout. */
    record Layout(Path root, Path pluginsDir, Path dataDir) {
    }

    private final boolean shippedPlugins;
    private final List<PluginJarBuilder> plugins = new ArrayList<>();
    private final List<Path> zipFolders = new ArrayList<>();
    private final Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
    private final Map<String, Object> server = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Path dataDir;

    private HostSetup(boolean shippedPlugins) {
        this.shippedPlugins = shippedPlugins;
    }

    /** @return a setup with the plugin zips Maven built ({@code plugin-database}, {@code plugin-keyval}) */
    public static HostSetup withShippedPlugins() {
        return new HostSetup(true);
    }

    /** @return a setup with only the plugins added with {@link #plugin} */
    public static HostSetup withoutShippedPlugins() {
        return new HostSetup(false);
    }

    /** @param jar a plugin jar to build into the plugins folder @return this */
    public HostSetup plugin(PluginJarBuilder jar) {
        plugins.add(jar);
        return this;
    }

    /**
     * Adds the plugin zips Maven built from the {@code examples/} modules (system property
     * {@code keyval.example.plugins.dir}, e.g. {@code example-visit-counter.zip}).
     *
     * @return this
     */
    public HostSetup withExamplePlugins() {
        return pluginZipsFrom(TestDirs.examplePluginsDir());
    }

    /** @param dir a folder whose {@code *.zip} files are copied into the plugins folder too @return this */
    public HostSetup pluginZipsFrom(Path dir) {
        zipFolders.add(dir);
        return this;
    }

    /**
     * Configuration merged over a plugin's own manifest (the root manifest's {@code plugins.<id>}).
     *
     * @param pluginId the plugin
     * @param config the override tree (may contain {@code ${VAR}} references)
     * @return this
     */
    public HostSetup override(String pluginId, Map<String, Object> config) {
        overrides.put(pluginId, config);
        return this;
    }

    /**
     * An environment variable. In-process hosts see only these variables (not the test JVM's);
     * child processes get them on top of the inherited environment.
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public HostSetup env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * A setting of the host manifest's {@code server} section (e.g. {@code authToken}); host and port
     * are always 127.0.0.1 and a free port.
     *
     * @param name the setting
     * @param value its value
     * @return this
     */
    public HostSetup server(String name, Object value) {
        server.put(name, value);
        return this;
    }

    /**
     * A JVM option for a child-process host, e.g. {@code -Xmx64m}.
     *
     * @param option the option
     * @return this
     */
    public HostSetup jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** @param dir the data directory to use instead of a fresh temporary one (e.g. to restart on old data) @return this */
    public HostSetup dataDir(Path dir) {
        this.dataDir = dir;
        return this;
    }

    /** @return a started in-process host */
    public HostFixture start() {
        return HostFixture.start(this);
    }

    /** @return a started child-process host */
    public HostProcess startProcess() {
        return HostProcess.start(this);
    }

    Map<String, Map<String, Object>> overrides() {
        return Map.copyOf(overrides);
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** @return the host manifest for {@code layout}, as the host would read it from a file */
    Map<String, Object> manifest(Layout layout) {
        Map<String, Object> serverSection = new LinkedHashMap<>(server);
        serverSection.put("host", "127.0.0.1");
        serverSection.put("port", 0);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("server", serverSection);
        root.put("pluginsDir", layout.pluginsDir().toString());
        root.put("dataDir", layout.dataDir().toString());
        root.put("plugins", overrides());
        return root;
    }

    List<String> jvmOptions() {
        return List.copyOf(jvmOptions);
    }

    /** Creates a temporary folder with the plugins folder filled and the data directory chosen. */
    Layout prepare() {
        try {
            Path root = Files.createTempDirectory("keyval-host-");
            Path pluginsDir = Files.createDirectory(root.resolve("plugins"));
            if (shippedPlugins) {
                TestDirs.copyShippedPlugins(pluginsDir);
            }
            for (Path dir : zipFolders) {
                TestDirs.copyZips(dir, pluginsDir);
            }
            plugins.forEach(p -> p.build(pluginsDir));
            return new Layout(root, pluginsDir, dataDir != null ? dataDir : root.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the host's folders", e);
        }
    }
}
