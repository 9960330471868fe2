package io.keyval.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds a PF4J plugin JAR from compiled test classes: {@code plugin.properties}, an optional
 * {@code manifest.yaml}, {@code META-INF/extensions.idx} and the {@code .class} files of the given
 * classes together with their nested, inner, anonymous and lambda-holder classes.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("plugin-a")
 *         .dependencies("plugin-b")
 *         .manifest("base: /a\n")
 *         .extension(APlugin.class)      // listed in extensions.idx and packed
 *         .classes(Greeter.class)        // packed only
 *         .build(tempDir);
 * }</pre>
 *
 * <p>Test plugin classes need not (and should not) carry {@code @Extension}: the index is written here,
 * and the annotation would make PF4J's annotation processor write a classpath-wide index into
 * {@code target/test-classes}.
 */
public final class PluginJarBuilder {

    private final String pluginId;
    private String version = "1.0.0";
    private final List<String> dependencies = new ArrayList<>();
    private String manifest;
    private final Set<Class<?>> extensions = new LinkedHashSet<>();
    private final Set<Class<?>> classes = new LinkedHashSet<>();

    private PluginJarBuilder(String pluginId) {
        this.pluginId = pluginId;
    }

    /**
     * @param pluginId the PF4J plugin id
     * @return a builder for that plugin
     */
    public static PluginJarBuilder plugin(String pluginId) {
        return new PluginJarBuilder(pluginId);
    }

    /** @param version the plugin version (default 1.0.0) @return this */
    public PluginJarBuilder version(String version) {
        this.version = version;
        return this;
    }

    /**
     * PF4J dependencies ({@code plugin.dependencies}): the host initialises them first and the plugin's
     * class loader sees their classes.
     *
     * @param pluginIds the plugin ids
     * @return this
     */
    public PluginJarBuilder dependencies(String... pluginIds) {
        dependencies.addAll(List.of(pluginIds));
        return this;
    }

    /** @param yaml the text of the plugin's {@code manifest.yaml} @return this */
    public PluginJarBuilder manifest(String yaml) {
        this.manifest = yaml;
        return this;
    }

    /** @param extensionClasses extension classes, listed in {@code extensions.idx} and packed @return this */
    public PluginJarBuilder extension(Class<?>... extensionClasses) {
        extensions.addAll(List.of(extensionClasses));
        return this;
    }

    /** @param packed further classes to pack into the jar (not listed as extensions) @return this */
    public PluginJarBuilder classes(Class<?>... packed) {
        classes.addAll(List.of(packed));
        return this;
    }

    /**
     * Writes {@code <pluginId>.jar} into {@code dir}.
     *
     * @param dir an existing directory (e.g. a plugins folder)
     * @return the jar
     */
    public Path build(Path dir) {
        Path jar = dir.resolve(pluginId + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            write(out, "plugin.properties", "plugin.id=" + pluginId + "\nplugin.version=" + version
                    + "\nplugin.dependencies=" + String.join(",", dependencies) + "\n");
            if (manifest != null) {
                write(out, "manifest.yaml", manifest);
            }
            StringBuilder index = new StringBuilder();
            extensions.forEach(c -> index.append(c.getName()).append('\n'));
            write(out, "META-INF/extensions.idx", index.toString());
            Set<Class<?>> packed = new LinkedHashSet<>(extensions);
            packed.addAll(classes);
            Set<String> written = new java.util.HashSet<>();
            for (Class<?> c : packed) {
                for (Path classFile : classFiles(c)) {
                    String name = c.getPackageName().replace('.', '/') + "/" + classFile.getFileName();
                    if (!written.add(name)) {
                        continue; // a nested class of another packed class
                    }
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(classFile, out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build plugin jar " + jar, e);
        }
        return jar;
    }

    private static void write(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** The class file of {@code c} and of every class nested in it ({@code C$*.class}). */
    private static List<Path> classFiles(Class<?> c) throws IOException {
        String binaryName = c.getName().substring(c.getPackageName().length() + 1);
        URL url = c.getResource(binaryName + ".class");
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalArgumentException(c.getName() + " is not a class file in a directory: " + url);
        }
        Path file;
        try {
            file = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            List<Path> out = new ArrayList<>();
            out.add(file);
            siblings.filter(p -> p.getFileName().toString().startsWith(binaryName + "$")).forEach(out::add);
            return out;
        }
    }
}
