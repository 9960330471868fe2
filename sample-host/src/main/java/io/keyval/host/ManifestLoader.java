package io.keyval.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code manifest.yaml} files (the host's and the plugins') into plain maps, with environment
 * references substituted. Only standard YAML types are constructed (SnakeYAML's {@link SafeConstructor}).
 */
public final class ManifestLoader {

    private final Substitution substitution;

    /** @param env the variables available to {@code ${VAR}} references */
    public ManifestLoader(Map<String, String> env) {
        this.substitution = new Substitution(env);
    }

    /**
     * @param file a manifest file
     * @return its content, or an empty map if the file does not exist
     */
    public Map<String, Object> load(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new ManifestException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param resource a manifest inside a plugin
     * @param source names the manifest in error messages
     * @return its content
     */
    public Map<String, Object> load(URL resource, String source) {
        try (InputStream in = resource.openStream()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new ManifestException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param yaml manifest text
     * @param source names the manifest in error messages
     * @return its content
     */
    public Map<String, Object> parse(String yaml, String source) {
        return parse(new StringReader(yaml), source);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(Reader reader, String source) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new ManifestException("Invalid YAML in " + source + ": " + e.getMessage(), e);
        }
        if (tree == null) {
            return new LinkedHashMap<>();
        }
        if (!(tree instanceof Map)) {
            throw new ManifestException(source + " must be a YAML mapping");
        }
        return (Map<String, Object>) substitution.apply(tree, source);
    }
}
