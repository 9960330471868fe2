package io.keyval.bench;

import io.keyval.database.DatabaseAdapter;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Kv;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.time.Clock;

/** The plugin on a fresh Undertow server, as a host runs it: its composition root, its API under {@code /keyval/api}. */
final class PluginServer implements AutoCloseable {

    private final KeyValRuntime runtime;
    private final Undertow server;

    /**
     * @param adapter the database
     * @param config the plugin's configuration (defaults for what it leaves out)
     */
    PluginServer(DatabaseAdapter adapter, PluginConfig config) {
        runtime = KeyValRuntime.start(adapter, KeyValSettings.from(config, "bench"), Clock.systemUTC());
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/keyval/api", runtime.httpApi())).build();
        server.start();
    }

    Kv kv() {
        return runtime.kv();
    }

    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() {
        server.stop();
        runtime.close();
    }
}
