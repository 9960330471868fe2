package io.keyval.host.testing;

import io.keyval.host.Host;
import io.keyval.host.HostManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.Yaml;

/**
 * An in-process host on a free port with its own temporary plugins and data folders. Start it once per
 * test class through {@link HostSetup#start()} and close it in {@code @AfterAll}.
 */
public final class HostFixture implements AutoCloseable {

    private final Host host;
    private final HostSetup.Layout layout;
    private final HttpClientHelper http;

    private HostFixture(Host host, HostSetup.Layout layout) {
        this.host = host;
        this.layout = layout;
        this.http = new HttpClientHelper(baseUrl());
    }

    /**
     * @param setup what to run
     * @return the started host
     * @throws RuntimeException the host's start-up failure (its message names the plugin)
     */
    static HostFixture start(HostSetup setup) {
        HostSetup.Layout layout = setup.prepare();
        // read as the host reads a manifest file: substituted, over the built-in defaults
        Path manifest = layout.root().resolve("manifest.yaml");
        try {
            Files.writeString(manifest, new Yaml().dump(setup.manifest(layout)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Host host = new Host(HostManifest.read(manifest, true, setup.env(), layout.pluginsDir()));
        try {
            host.start();
        } catch (RuntimeException e) {
            TestDirs.deleteQuietly(layout.root());
            throw e;
        }
        return new HostFixture(host, layout);
    }

    /** @return e.g. {@code http://127.0.0.1:54321} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the bound port */
    public int port() {
        return host.port();
    }

    /** @return the host's data directory */
    public Path dataDir() {
        return layout.dataDir();
    }

    /** @return a client for this host */
    public HttpClientHelper http() {
        return http;
    }

    /** @return the host itself (plugin ids, settings) */
    public Host host() {
        return host;
    }

    /** Shuts the host down (plugins' {@code onShutdown} in reverse order) and deletes its temporary folder. */
    @Override
    public void close() {
        host.stop();
        TestDirs.deleteQuietly(layout.root());
    }
}
