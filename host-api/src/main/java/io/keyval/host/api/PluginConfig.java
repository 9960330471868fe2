package io.keyval.host.api;

import java.util.List;
import java.util.Map;

/**
 * A plugin's configuration tree (parsed YAML). Paths are dot-separated member names
 * ({@code queue.lockDuration}). Getters return the default when the path is absent or null, and throw
 * {@link PluginException} naming the path when a value has the wrong type.
 *
 * <pre>{@code
 * long lock = ctx.config().getLong("queue.lockDuration", 30_000);
 * }</pre>
 */
public interface PluginConfig {

    /**
     * Wraps a parsed tree (maps, lists, scalars) as a configuration.
     *
     * @param tree the root mapping; not copied
     * @return the configuration
     */
    static PluginConfig of(Map<String, ?> tree) {
        return new MapPluginConfig(tree);
    }

    /** @return whether {@code path} is present and not null */
    boolean has(String path);

    /** @return the value at {@code path} as text (numbers and booleans converted), or {@code def} */
    String getString(String path, String def);

    /** @return the integer at {@code path} (numeric strings accepted), or {@code def} */
    int getInt(String path, int def);

    /** @return the long at {@code path} (numeric strings accepted), or {@code def} */
    long getLong(String path, long def);

    /** @return the boolean at {@code path} ({@code "true"}/{@code "false"} accepted), or {@code def} */
    boolean getBoolean(String path, boolean def);

    /** @return the list of texts at {@code path}, or an empty list */
    List<String> getStringList(String path);

    /** @return the mapping at {@code path} as a configuration (empty when absent) */
    PluginConfig getSection(String path);

    /** @return the list of mappings at {@code path}, each as a configuration (empty when absent) */
    List<PluginConfig> getSectionList(String path);

    /** @return the whole tree, unmodifiable */
    Map<String, Object> asMap();
}
