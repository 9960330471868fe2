package io.keyval.host.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * A real host process on SQLite with the shipped plugins, and a headless browser pointed at its admin
 * UI: the fixture of the UI's browser tests, started once per test class. The browser is opened
 * first, so that a machine without Chromium skips before a host is started.
 *
 * <pre>{@code
 * BrowserHost ui = BrowserHost.start(tempDir, Map.of());
 * ui.open("/entries?prefix=users");
 * }</pre>
 */
public final class BrowserHost implements AutoCloseable {

    private final Browser browser;
    private final PostgresSchema schema;
    private final Path dir;
    private final Map<String, String> env;
    private HostProcess host;

    private BrowserHost(Browser browser, HostProcess host, PostgresSchema schema, Path dir, Map<String, String> env) {
        this.browser = browser;
        this.host = host;
        this.schema = schema;
        this.dir = dir;
        this.env = env;
    }

    /**
     * @param dir a fresh directory for the host's files and the browser's profile
     * @param env extra environment of the host (e.g. {@code KEYVAL_AUTH_TOKEN})
     * @return the running pair
     * @throws Exception when the host does not start
     */
    public static BrowserHost start(Path dir, Map<String, String> env) throws Exception {
        Browser browser = Browser.open(Files.createDirectories(dir.resolve("browser-profile")));
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            TestDirs.copyShippedPlugins(plugins);
            Map<String, String> all = new HashMap<>(Map.of("KEYVAL_PORT", "0", "KEYVAL_PLUGINS_DIR", plugins.toString(),
                    "KEYVAL_DATA_DIR", dir.resolve("data").toString()));
            all.putAll(env);
            return new BrowserHost(browser, HostProcess.launch(dir, all), null, dir, all);
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    /**
     * The same on a host whose store lives in a fresh PostgreSQL schema (dropped at {@link #close});
     * skipped, or failed under {@code KEYVAL_REQUIRE_POSTGRES}, without PostgreSQL.
     *
     * @param dir a fresh directory for the browser's profile
     * @return the running pair
     */
    public static BrowserHost onPostgres(Path dir) throws Exception {
        Browser browser = Browser.open(Files.createDirectories(dir.resolve("browser-profile")));
        PostgresSchema schema = null;
        try {
            schema = PostgresSchema.create();
            return new BrowserHost(browser, schema.hostSetup().startProcess(), schema, null, null);
        } catch (Exception | AssertionError e) {
            browser.close();
            if (schema != null) {
                schema.close();
            }
            throw e;
        }
    }

    /** @return the browser */
    public Browser browser() {
        return browser;
    }

    /** @return the host */
    public HostProcess host() {
        return host;
    }

    /**
     * Stops the host and starts it again on the same data and settings (give it a fixed
     * {@code KEYVAL_PORT}, so that the page in the browser finds it again).
     *
     * @throws Exception when it does not start
     */
    public void restartHost() throws Exception {
        if (env == null) {
            throw new IllegalStateException("only a host started by start(dir, env) can be restarted");
        }
        host.close();
        host = HostProcess.launch(dir, env);
    }

    /** @return an HTTP client of the host's API, {@code /keyval/api} prefixed to every path */
    public HttpClientHelper api() {
        return new HttpClientHelper(host.baseUrl() + "/keyval/api");
    }

    /**
     * Loads a page of the UI in the browser, as a typed address or a reload would.
     *
     * @param page the path below {@code /keyval}, with its query, e.g. {@code /queue}
     */
    public void open(String page) {
        browser.driver().get(host.baseUrl() + "/keyval" + page);
        browser.visible(By.tagName("h1"));
    }

    @Override
    public void close() throws Exception {
        try {
            browser.close();
        } finally {
            host.close();
            if (schema != null) {
                schema.close();
            }
        }
    }
}
