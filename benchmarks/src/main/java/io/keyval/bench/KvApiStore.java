package io.keyval.bench;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Kv;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import java.time.Clock;
import java.util.Map;

/** The KeyVal store in this process, on a fresh database, through its Java API. */
final class KvApiStore implements StoreUnderTest {

    private final Engine.FreshDatabase database;
    private final Databases.ClosableDatabaseService service;
    /** The {@code system} of its results. */
    static final String SYSTEM = "java-kv";

    private final KeyValRuntime runtime;
    private final Kv kv;
    private final String durability;
    private final KvApiClient client;

    /**
     * Opens the store the way the plugin does (metrics on, the default): plugin-database's service, its
     * adapter, the plugin's composition root.
     *
     * @param database a fresh database; deleted when this store closes
     * @param data the benchmark data
     */
    KvApiStore(Engine.FreshDatabase database, Dataset data) {
        this.database = database;
        this.service = database.openService();
        DatabaseAdapter adapter = service.getRootAdapter(null);
        this.durability = adapter.durability();
        this.runtime = KeyValRuntime.start(adapter, KeyValSettings.from(PluginConfig.of(Map.of()), "bench"),
                Clock.systemUTC());
        this.kv = runtime.kv();
        this.client = new KvApiClient(kv, data);
    }

    /** @return the plugin's services, for the HTTP API over the same store */
    KeyValRuntime runtime() {
        return runtime;
    }

    /** @return the Java API over the store */
    Kv kv() {
        return kv;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String mode() {
        return "api";
    }

    @Override
    public String durability() {
        return durability;
    }

    @Override
    public ClientFactory<StoreClient> clients() {
        return () -> client;
    }

    @Override
    public void close() throws Exception {
        runtime.close();
        service.close();
        database.close();
    }
}
