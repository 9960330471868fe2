package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDependency;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the PF4J plugins and reads each one's {@code manifest.yaml} into a {@link HostedPlugin}. */
final class PluginCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    private static final String MANIFEST = "manifest.yaml";
    /** Settings the host reads for every plugin, whether or not its manifest mentions them. */
    private static final Map<String, Object> HOST_KEYS =
            Map.of("name", "", "base", "", "enabled", true, "dependencies", List.of());

    private final PluginManager pluginManager;
    private final ManifestLoader manifests;
    private final Map<String, Map<String, Object>> overrides;

    PluginCatalog(PluginManager pluginManager, ManifestLoader manifests, Map<String, Map<String, Object>> overrides) {
        this.pluginManager = pluginManager;
        this.manifests = manifests;
        this.overrides = overrides;
    }

    /** @return every plugin found, enabled or not, sorted by id */
    List<HostedPlugin> load() {
        try {
            pluginManager.loadPlugins();
        } catch (DependencyResolver.DependenciesNotFoundException | DependencyResolver.CyclicDependencyException e) {
            // the plugins stay loaded, unresolved; PluginOrder reports the problem naming the plugins
        }
        List<HostedPlugin> plugins = new ArrayList<>();
        for (PluginWrapper wrapper : pluginManager.getPlugins()) {
            plugins.add(describe(wrapper));
        }
        plugins.sort(Comparator.comparing(HostedPlugin::id));
        return plugins;
    }

    private HostedPlugin describe(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        Map<String, Object> own = readManifest(wrapper);
        Map<String, Object> override = overrides.getOrDefault(id, Map.of());
        Map<String, Object> known = DeepMerge.merge(HOST_KEYS, own);
        for (String unknown : HostManifest.unknownKeys(override, known, "plugins." + id + ".")) {
            LOG.warn("Unknown setting '{}' is ignored: plugin '{}' has no such setting (see its manifest.yaml)",
                    unknown, id);
        }
        Map<String, Object> merged = DeepMerge.merge(own, override);
        PluginConfig config = PluginConfig.of(merged);
        Set<String> dependencies = new LinkedHashSet<>(config.getStringList("dependencies"));
        for (PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            if (!dependency.isOptional()) {
                dependencies.add(dependency.getPluginId());
            }
        }
        return new HostedPlugin(id, wrapper.getPluginClassLoader(), config, List.copyOf(dependencies));
    }

    private Map<String, Object> readManifest(PluginWrapper wrapper) {
        // findResource, not getResource: PF4J's plugin-first loader would fall back to a
        // dependency's manifest.yaml when this plugin has none
        URL url = ((URLClassLoader) wrapper.getPluginClassLoader()).findResource(MANIFEST);
        if (url == null) {
            return Map.of();
        }
        return manifests.load(url, "manifest.yaml of plugin '" + wrapper.getPluginId() + "'");
    }
}
