package io.keyval.host;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's configuration: its built-in defaults ({@code default-manifest.yaml}, every value
 * overridable by an environment variable) with a manifest file, if any, deep-merged over them. A
 * setting the defaults do not know is reported by name and ignored.
 */
public final class HostManifest {

    private static final Logger LOG = LoggerFactory.getLogger(HostManifest.class);
    private static final String DEFAULTS = "default-manifest.yaml";

    private HostManifest() {
    }

    /**
     * @param file the manifest file
     * @param required whether the file must exist (it was named explicitly); otherwise a missing file
     *     means "defaults only"
     * @param env the environment for {@code ${VAR}} references
     * @param defaultPluginsDir the plugins folder when none is configured
     * @return the settings
     * @throws ManifestException when the file is required but missing, unreadable or invalid
     */
    public static HostSettings read(Path file, boolean required, Map<String, String> env, Path defaultPluginsDir) {
        ManifestLoader loader = new ManifestLoader(env);
        URL defaultsUrl = HostManifest.class.getResource(DEFAULTS);
        Map<String, Object> defaults = loader.load(defaultsUrl, "the host's built-in defaults");
        Path absolute = file.toAbsolutePath().normalize();
        Map<String, Object> manifest;
        boolean exists = Files.isRegularFile(absolute);
        if (exists) {
            manifest = loader.load(absolute);
        } else if (required) {
            throw new ManifestException("Manifest file not found: " + absolute);
        } else {
            manifest = Map.of();
        }
        for (String unknown : unknownKeys(manifest, defaults, "")) {
            LOG.warn("Unknown setting '{}' in {} is ignored", unknown, absolute);
        }
        Path baseDir = exists ? absolute.getParent() : Path.of("").toAbsolutePath();
        return HostSettings.from(DeepMerge.merge(defaults, manifest), baseDir, env, defaultPluginsDir);
    }

    /**
     * @param tree a configuration tree
     * @param known a tree with every known key (the defaults)
     * @param prefix the dotted path of {@code tree}
     * @return the dotted paths in {@code tree} that {@code known} lacks; mappings are followed, except
     *     below {@code plugins} (each plugin checks its own settings)
     */
    static List<String> unknownKeys(Map<String, ?> tree, Map<String, ?> known, String prefix) {
        List<String> unknown = new ArrayList<>();
        tree.forEach((key, value) -> {
            String path = prefix + key;
            if (!known.containsKey(key)) {
                unknown.add(path);
            } else if (value instanceof Map<?, ?> sub && known.get(key) instanceof Map<?, ?> knownSub
                    && !path.equals("plugins")) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) sub;
                @SuppressWarnings("unchecked")
                Map<String, ?> knownTyped = (Map<String, ?>) knownSub;
                unknown.addAll(unknownKeys(typed, knownTyped, path + "."));
            }
        });
        return unknown;
    }
}
