package io.keyval.host;

import io.keyval.host.api.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The services plugins publish, by plugin id. A plugin can be looked up once it has been initialised. */
public final class ServiceRegistry {

    private record Entry(Class<?> type, Object service) {
    }

    private final Set<String> loaded;
    private final Set<String> initialised = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Entry>> services = new ConcurrentHashMap<>();

    /** @param loaded the ids of the enabled plugins */
    public ServiceRegistry(Set<String> loaded) {
        this.loaded = Set.copyOf(loaded);
    }

    /**
     * Publishes a service of a plugin.
     *
     * @param pluginId the providing plugin
     * @param type the type it is looked up by
     * @param service the implementation
     * @param <T> the type
     */
    public <T> void provide(String pluginId, Class<T> type, T service) {
        if (!type.isInstance(service)) {
            throw new PluginException("Plugin '{}' provides a service that is not a {}", pluginId, type.getName());
        }
        services.computeIfAbsent(pluginId, id -> new CopyOnWriteArrayList<>()).add(new Entry(type, service));
    }

    /** Marks a plugin as initialised: from now on other plugins may look up its services. */
    void markInitialised(String pluginId) {
        initialised.add(pluginId);
    }

    /**
     * @param pluginId the providing plugin
     * @param type the wanted type
     * @param <T> the type
     * @return a service of {@code pluginId} that is an instance of {@code type}
     * @throws PluginException if the plugin is not loaded, not initialised, or provides no such service
     */
    public <T> T getPlugin(String pluginId, Class<T> type) {
        if (!loaded.contains(pluginId)) {
            throw new PluginException("Plugin '{}' is not loaded", pluginId);
        }
        if (!initialised.contains(pluginId)) {
            throw new PluginException("Plugin '{}' is not initialised yet; list it under 'dependencies' in manifest.yaml",
                    pluginId);
        }
        List<String> offered = new ArrayList<>();
        for (Entry entry : services.getOrDefault(pluginId, List.of())) {
            if (type.isInstance(entry.service())) {
                return type.cast(entry.service());
            }
            offered.add(entry.type().getName());
        }
        if (offered.contains(type.getName())) {
            // same name, different class: the caller does not see the provider's copy of the type
            throw new PluginException("Plugin '{}' provides {} from another class loader; declare '{}' in "
                    + "plugin.dependencies so its classes are shared", pluginId, type.getName(), pluginId);
        }
        throw new PluginException("Plugin '{}' provides no service of type {} (it provides: {})",
                pluginId, type.getName(), offered);
    }
}
