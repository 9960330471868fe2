package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void withoutAManifestFileTheBuiltInDefaultsAndTheEnvironmentApply() {
        Path jarPlugins = dir.resolve("jar-dir/plugins");
        HostSettings defaults = HostManifest.read(dir.resolve("absent.yaml"), false, Map.of(), jarPlugins);
        assertEquals("127.0.0.1", defaults.bindHost());
        assertEquals(8000, defaults.port());
        assertEquals(jarPlugins, defaults.pluginsDir());
        assertEquals(Path.of(".data").toAbsolutePath(), defaults.dataDir());
        assertEquals(new ServerSettings("127.0.0.1", 8000, "", List.of(), List.of(), 30_000, 60_000, 4096, 1024, 10_000),
                defaults.server(), "the documented defaults (docs/configuration.md)");

        Map<String, String> env = Map.of("KEYVAL_PORT", "9091", "KEYVAL_AUTH_TOKEN", "s3cret",
                "KEYVAL_ALLOWED_ORIGINS", "https://a.example, https://b.example", "KEYVAL_MAX_REQUESTS", "7");
        ServerSettings fromEnv = HostManifest.read(dir.resolve("absent.yaml"), false, env, jarPlugins).server();
        assertEquals(9091, fromEnv.port());
        assertEquals("s3cret", fromEnv.authToken());
        assertEquals(List.of("https://a.example", "https://b.example"), fromEnv.allowedOrigins());
        assertEquals(7, fromEnv.maxRequests());
    }

    @Test
    void aManifestNamedExplicitlyMustExist() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> HostManifest.read(dir.resolve("typo.yaml"), true, Map.of(), dir));
        assertEquals("Manifest file not found: " + dir.resolve("typo.yaml"), e.getMessage());
    }

    @Test
    void unknownKeysAreFoundByTheirPath() {
        Map<String, Object> known = Map.of("server", Map.of("port", 1, "host", "h"), "plugins", Map.of());
        Map<String, Object> given = Map.of("server", Map.of("prot", 2, "host", "x"), "plugin", Map.of(),
                "plugins", Map.of("anything", Map.of("goes", 1)));
        assertEquals(Set.of("server.prot", "plugin"), Set.copyOf(HostManifest.unknownKeys(given, known, "")));
    }

    @Test
    void anOutOfRangeSettingNamesIt() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "server:\n  port: 70000\n");
        ManifestException e = assertThrows(ManifestException.class, () -> HostManifest.read(file, true, Map.of(), dir));
        assertEquals("server.port must be between 0 and 65535, found: 70000", e.getMessage());
    }

    @Test
    void shippedRootManifestResolvesAgainstItsDirectoryAndHonoursEnvironment() {
        // Maven runs the tests in sample-host/, the manifest is in the repository root
        Path manifest = Path.of("..", "manifest.yaml").toAbsolutePath().normalize();
        Path root = manifest.getParent();
        Map<String, String> env = Map.of("KEYVAL_PORT", "9090", "KEYVAL_DATABASE", "postgres");
        HostSettings s = HostManifest.read(manifest, true, env, root.resolve("sample-host/target/plugins"));
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
