package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import java.util.List;

/**
 * A plugin found in the plugins folder, with its effective configuration.
 *
 * @param id the PF4J plugin id
 * @param classLoader the plugin's PF4J class loader
 * @param config its manifest with the host's overrides merged on top
 * @param dependencies the ids it must be initialised after (manifest {@code dependencies} and the
 *     required PF4J {@code plugin.dependencies})
 */
public record HostedPlugin(String id, ClassLoader classLoader, PluginConfig config, List<String> dependencies) {

    /** @return false if the manifest (or an override) says {@code enabled: false} */
    public boolean enabled() {
        return config.getBoolean("enabled", true);
    }
}
