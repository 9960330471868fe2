package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.TestDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin UI as a real host serves it under the plugin's base path: every page's deep link serves
 * the shell (so reloads work), assets carry validators (304 when unchanged) and a policy that allows
 * this origin only, nothing in them points elsewhere, and anything else is a 404. The pages in a
 * browser: {@link AdminUiBrowserTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiServingTest {

    @TempDir
    static Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private HostProcess host;

    @BeforeAll
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestDirs.copyShippedPlugins(plugins);
        host = HostProcess.launch(dir, Map.of("KEYVAL_PORT", "0", "KEYVAL_PLUGINS_DIR", plugins.toString(),
                "KEYVAL_DATA_DIR", dir.resolve("data").toString()));
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.terminate();
        }
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(host.baseUrl() + path)).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void atTheRootBaseThePagesTheirAssetsAndTheApiStillResolve() throws Exception {
        try (HostFixture root = HostSetup.withShippedPlugins().override("plugin-keyval", Map.of("base", "/")).start()) {
            String url = "http://127.0.0.1:" + root.port();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url + "/entries")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("src=\"/assets/app.js\""), page.body());
            for (String path : List.of("/assets/app.js", "/assets/page-entries.js", "/api/info")) {
                assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), path);
            }
        }
    }

    @Test
    void everyPageDeepLinkServesTheShell() throws Exception {
        for (String page : List.of("/keyval", "/keyval/", "/keyval/entries", "/keyval/queue", "/keyval/search",
                "/keyval/watch", "/keyval/atomic", "/keyval/metrics")) {
            HttpResponse<String> r = get(page, null);
            assertEquals(200, r.statusCode(), page);
            assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.body().contains("src=\"/keyval/assets/app.js\""), r.body());
        }
    }

    @Test
    void assetsHaveValidatorsAndASameOriginPolicy() throws Exception {
        for (String asset : List.of("/keyval/assets/app.js", "/keyval/assets/style.css", "/keyval")) {
            HttpResponse<String> r = get(asset, null);
            assertEquals(200, r.statusCode(), asset);
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
            assertEquals(304, get(asset, etag).statusCode(), asset + " unchanged");
            assertFalse(r.body().contains("http://") || r.body().contains("https://"),
                    asset + " must not load anything from elsewhere");
        }
    }

    @Test
    void anythingElseIsNotFoundAndTheApiIsUntouched() throws Exception {
        for (String path : List.of("/keyval/nope", "/keyval/assets/missing.js", "/keyval/assets/app.js.map",
                "/keyval/assets/..%2fmanifest.yaml", "/keyval/assets/App.JS")) {
            HttpResponse<String> r = get(path, null);
            assertEquals(404, r.statusCode(), path);
            assertEquals("{\"error\":\"Not found\"}", r.body(), "a 404 like the rest of the host's");
        }
        HttpResponse<String> api = get("/keyval/api/queue/stats", null);
        assertEquals(200, api.statusCode());
        assertTrue(api.body().startsWith("{\"pending\":"), api.body());
    }
}
