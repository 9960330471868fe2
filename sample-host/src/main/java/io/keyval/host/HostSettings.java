package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the host's deployment manifest decides.
 *
 * @param server how the HTTP server listens and protects itself
 * @param pluginsDir where the PF4J plugins (zips, jars, folders) are
 * @param dataDir the data directory given to plugins
 * @param pluginOverrides per plugin id, configuration merged over that plugin's own manifest
 * @param env the variables for {@code ${VAR}} references in plugin manifests
 */
public record HostSettings(
        ServerSettings server,
        Path pluginsDir,
        Path dataDir,
        Map<String, Map<String, Object>> pluginOverrides,
        Map<String, String> env) {

    /** Copies the maps so that later changes to the arguments do not leak in. */
    public HostSettings {
        pluginOverrides = Map.copyOf(pluginOverrides);
        env = Map.copyOf(env);
    }

    /** @return the address the HTTP server binds to */
    public String bindHost() {
        return server.bindHost();
    }

    /** @return the HTTP port; 0 picks a free one */
    public int port() {
        return server.port();
    }

    /**
     * @param port the port to listen on instead
     * @return these settings with another port
     */
    public HostSettings withPort(int port) {
        return new HostSettings(server.withPort(port), pluginsDir, dataDir, pluginOverrides, env);
    }

    /**
     * Reads settings from a substituted manifest, the host's defaults already merged in.
     *
     * @param manifest the manifest tree
     * @param baseDir the directory relative paths resolve against (the manifest file's directory)
     * @param env the environment, kept for plugin manifests
     * @param defaultPluginsDir the plugins folder when the manifest names none
     * @return the settings
     * @throws ManifestException naming the setting that is invalid
     */
    @SuppressWarnings("unchecked")
    public static HostSettings from(Map<String, Object> manifest, Path baseDir, Map<String, String> env,
            Path defaultPluginsDir) {
        PluginConfig root = PluginConfig.of(manifest);
        Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
        root.getSection("plugins").asMap().forEach((id, value) -> {
            if (value != null && !(value instanceof Map)) {
                throw new ManifestException("plugins." + id + " must be a mapping of configuration overrides");
            }
            overrides.put(id, value == null ? Map.of() : (Map<String, Object>) value);
        });
        String pluginsDir = root.getString("pluginsDir", "");
        return new HostSettings(
                ServerSettings.from(root.getSection("server")),
                pluginsDir.isBlank() ? defaultPluginsDir : baseDir.resolve(pluginsDir).normalize(),
                baseDir.resolve(root.getString("dataDir", ".data")).normalize(),
                overrides,
                env);
    }
}
