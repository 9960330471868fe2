package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the host's deployment manifest decides.
 *
 * @param bindHost the address the HTTP server binds to
 * @param port the HTTP port; 0 picks a free one
 * @param pluginsDir where the PF4J plugins (zips, jars, folders) are
 * @param dataDir the data directory given to plugins
 * @param pluginOverrides per plugin id, configuration merged over that plugin's own manifest
 * @param env the variables for {@code ${VAR}} references in plugin manifests
 */
public record HostSettings(
        String bindHost,
        int port,
        Path pluginsDir,
        Path dataDir,
        Map<String, Map<String, Object>> pluginOverrides,
        Map<String, String> env) {

    /** The default bind address. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default HTTP port. */
    public static final int DEFAULT_PORT = 8000;

    /** Copies the maps so that later changes to the arguments do not leak in. */
    public HostSettings {
        pluginOverrides = Map.copyOf(pluginOverrides);
        env = Map.copyOf(env);
    }

    /**
     * Reads settings from a parsed root manifest.
     *
     * @param manifest the substituted root manifest (possibly empty)
     * @param baseDir the directory relative paths resolve against (the manifest's directory)
     * @param env the environment, kept for plugin manifests
     * @return the settings
     */
    @SuppressWarnings("unchecked")
    public static HostSettings from(Map<String, Object> manifest, Path baseDir, Map<String, String> env) {
        PluginConfig root = PluginConfig.of(manifest);
        Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
        root.getSection("plugins").asMap().forEach((id, value) -> {
            if (value != null && !(value instanceof Map)) {
                throw new ManifestException("plugins." + id + " must be a mapping of configuration overrides");
            }
            overrides.put(id, value == null ? Map.of() : (Map<String, Object>) value);
        });
        return new HostSettings(
                root.getString("server.host", DEFAULT_HOST),
                root.getInt("server.port", DEFAULT_PORT),
                baseDir.resolve(root.getString("pluginsDir", "plugins")).normalize(),
                baseDir.resolve(root.getString("dataDir", ".data")).normalize(),
                overrides,
                env);
    }
}
