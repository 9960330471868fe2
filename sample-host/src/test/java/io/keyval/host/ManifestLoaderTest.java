package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path dir;

    @Test
    void substitutesVariablesAndDefaultsInStringScalarsOnly() {
        ManifestLoader loader = new ManifestLoader(Map.of("HOST", "db.local", "EMPTY", ""));
        Map<String, Object> m = loader.parse("""
                url: jdbc://${HOST}:${PORT:-5432}/${NAME:-kv}
                empty: ${EMPTY:-fallback}
                list: ["${HOST}", 7]
                number: 7
                flag: true
                literal: $HOST
                """, "test.yaml");
        assertEquals("jdbc://db.local:5432/kv", m.get("url"));
        assertEquals("fallback", m.get("empty"));
        assertEquals(List.of("db.local", 7), m.get("list"));
        assertEquals(7, m.get("number"));
        assertEquals(true, m.get("flag"));
        assertEquals("$HOST", m.get("literal"));
    }

    @Test
    void unsetVariableWithoutDefaultNamesVariableAndFile() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> new ManifestLoader(Map.of()).parse("a: {b: '${SECRET}'}", "conf/manifest.yaml"));
        assertEquals("Environment variable 'SECRET' is not set (referenced in conf/manifest.yaml);"
                + " set it or write ${SECRET:-default}", e.getMessage());
    }

    @Test
    void invalidYamlNamesTheFile() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> new ManifestLoader(Map.of()).parse("- just a list", "x.yaml"));
        assertEquals("x.yaml must be a YAML mapping", e.getMessage());
    }

    @Test
    void missingRootManifestMeansDefaults() {
        Map<String, Object> m = new ManifestLoader(Map.of()).load(dir.resolve("absent.yaml"));
        HostSettings s = HostSettings.from(m, dir, Map.of());
        assertEquals("127.0.0.1", s.bindHost());
        assertEquals(8000, s.port());
        assertEquals(dir.resolve("plugins"), s.pluginsDir());
        assertEquals(dir.resolve(".data"), s.dataDir());
    }

    @Test
    void shippedRootManifestResolvesAgainstItsDirectoryAndHonoursEnvironment() {
        // Maven runs the tests in sample-host/, the manifest is in the repository root
        Path manifest = Path.of("..", "manifest.yaml").toAbsolutePath().normalize();
        Path root = manifest.getParent();
        Map<String, String> env = Map.of("KEYVAL_PORT", "9090", "KEYVAL_DATABASE", "postgres");
        HostSettings s = HostSettings.from(new ManifestLoader(env).load(manifest), root, env);
        assertEquals("127.0.0.1", s.bindHost());
        assertEquals(9090, s.port());
        assertEquals(root.resolve("sample-host/target/plugins"), s.pluginsDir());
        assertEquals(root.resolve(".data"), s.dataDir());
        assertEquals(Map.of("plugin-keyval", Map.of("database", "postgres")), s.pluginOverrides());
    }

    @Test
    void deepMergeMergesMappingsAndReplacesEverythingElse() throws Exception {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file, "a: {x: 1, y: {p: 1, q: 2}}\nlist: [1, 2]\nkeep: k\n");
        Map<String, Object> base = new ManifestLoader(Map.of()).load(file);
        Map<String, Object> merged = DeepMerge.merge(base, Map.of("a", Map.of("y", Map.of("q", 3)), "list", List.of(9)));
        assertEquals(Map.of("a", Map.of("x", 1, "y", Map.of("p", 1, "q", 3)), "list", List.of(9), "keep", "k"), merged);
    }
}
