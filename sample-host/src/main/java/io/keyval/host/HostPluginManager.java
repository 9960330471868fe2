package io.keyval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginRuntimeException;

/**
 * PF4J's plugin manager, strict where PF4J is lenient: a missing plugins folder and a plugin that
 * cannot be loaded stop the start-up with a message naming them, instead of a logged stack trace
 * and a host that runs without the plugin.
 */
class HostPluginManager extends DefaultPluginManager {

    /** @param pluginsDir the plugins folder */
    HostPluginManager(Path pluginsDir) {
        super(pluginsDir);
    }

    /** @throws HostStartException naming the folder or the plugin file */
    @Override
    public void loadPlugins() {
        for (Path root : pluginsRoots) {
            if (!Files.isDirectory(root)) {
                throw new HostStartException("Plugins folder not found: " + root.toAbsolutePath()
                        + "; set pluginsDir in the manifest or KEYVAL_PLUGINS_DIR", null);
            }
        }
        for (Path root : pluginsRoots) {
            checkArchives(root);
        }
        for (Path path : pluginRepository.getPluginPaths()) {
            try {
                loadPluginFromPath(path);
            } catch (PluginRuntimeException e) {
                throw new HostStartException("Plugin " + path.getFileName() + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        resolvePlugins();
    }

    /** PF4J would log an unreadable zip or jar and go on without it. */
    private static void checkArchives(Path root) {
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(file) && (name.endsWith(".zip") || name.endsWith(".jar"))) {
                    try (ZipFile archive = new ZipFile(file.toFile())) {
                        archive.size();
                    } catch (IOException e) {
                        throw new HostStartException("Plugin " + file.getFileName() + " cannot be loaded: not a readable"
                                + " zip or jar (" + e.getMessage() + ")", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new HostStartException("Cannot list the plugins folder " + root + ": " + e.getMessage(), e);
        }
    }
}
